package org.seg4j.metric.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.metric.ConfusionMatrix;
import org.seg4j.util.Json;

class MetricsJsonTest {

    @TempDir
    Path dir;

    private JsonNode writeAndRead(MetricsReport report) throws Exception {
        Path file = dir.resolve("metrics.json");
        report.writeJson(file);
        return Json.JSON.readTree(file.toFile());
    }

    @Test
    void summaryValuesAreFractionsWithTheImageCount() throws Exception {
        JsonNode json = writeAndRead(ReportFixtures.fourClassReport());

        assertThat(json.get("mIoU").asDouble()).isCloseTo(29.0 / 63, within(1e-12));
        assertThat(json.get("pixelAccuracy").asDouble()).isCloseTo(0.8, within(1e-12));
        assertThat(json.get("meanClassAccuracy").asDouble()).isCloseTo(19.0 / 24, within(1e-12));
        assertThat(json.get("frequencyWeightedIoU").asDouble()).isCloseTo(73.0 / 105, within(1e-12));
        assertThat(json.get("meanF1").asDouble()).isCloseTo(49.0 / 90, within(1e-12));
        assertThat(json.get("numImages").asInt()).isEqualTo(7);
    }

    @Test
    void keysAppearInDocumentedOrder() throws Exception {
        JsonNode json = writeAndRead(ReportFixtures.fourClassReport());

        assertThat(json.fieldNames()).toIterable().containsExactly("mIoU", "pixelAccuracy", "meanClassAccuracy",
                "frequencyWeightedIoU", "meanF1", "numImages", "perClass", "confusionMatrix");
        assertThat(json.get("perClass").get(0).fieldNames()).toIterable()
                .containsExactly("id", "name", "iou", "precision", "recall", "f1", "support");
    }

    @Test
    void perClassEntriesUseNullForUndefinedValues() throws Exception {
        JsonNode perClass = writeAndRead(ReportFixtures.fourClassReport()).get("perClass");

        assertThat(perClass).hasSize(4);
        JsonNode road = perClass.get(0);
        assertThat(road.get("id").asInt()).isZero();
        assertThat(road.get("name").asText()).isEqualTo("road");
        assertThat(road.get("iou").asDouble()).isCloseTo(5.0 / 7, within(1e-12));
        assertThat(road.get("precision").asDouble()).isCloseTo(5.0 / 6, within(1e-12));
        assertThat(road.get("support").asLong()).isEqualTo(60);

        JsonNode car = perClass.get(1);
        assertThat(car.get("recall").asDouble()).isCloseTo(0.75, within(1e-12));
        assertThat(car.get("f1").asDouble()).isCloseTo(0.8, within(1e-12));

        JsonNode sky = perClass.get(2);
        assertThat(sky.get("name").asText()).isEqualTo("sky");
        assertThat(sky.get("iou").isNull()).isTrue();
        assertThat(sky.get("precision").isNull()).isTrue();
        assertThat(sky.get("recall").isNull()).isTrue();
        assertThat(sky.get("f1").isNull()).isTrue();
        assertThat(sky.get("support").asLong()).isZero();

        JsonNode tree = perClass.get(3);
        assertThat(tree.get("iou").isNumber()).isTrue();
        assertThat(tree.get("iou").asDouble()).isZero();
        assertThat(tree.get("recall").isNull()).isTrue();
    }

    @Test
    void confusionMatrixRowsAreTruth() throws Exception {
        JsonNode rows = writeAndRead(ReportFixtures.fourClassReport()).get("confusionMatrix");

        assertThat(rows).hasSize(4);
        for (int t = 0; t < 4; t++) {
            for (int p = 0; p < 4; p++) {
                assertThat(rows.get(t).get(p).asLong()).as("cell %d,%d", t, p).isEqualTo(ReportFixtures.ROWS[t][p]);
            }
        }
    }

    @Test
    void emptyEvaluationHasNullSummary() throws Exception {
        MetricsReport empty = MetricsReport.of(new ConfusionMatrix(2), ReportFixtures.classes("a", "b"), 0);

        JsonNode json = writeAndRead(empty);

        assertThat(json.get("mIoU").isNull()).isTrue();
        assertThat(json.get("pixelAccuracy").isNull()).isTrue();
        assertThat(json.get("frequencyWeightedIoU").isNull()).isTrue();
        assertThat(json.get("numImages").asInt()).isZero();
    }
}
