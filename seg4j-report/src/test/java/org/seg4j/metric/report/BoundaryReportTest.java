package org.seg4j.metric.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.LabelMask;
import org.seg4j.metric.boundary.BoundaryScore;
import org.seg4j.metric.boundary.BoundaryTolerance;
import org.seg4j.util.Json;

/** The boundary F-score in every form of the report. */
class BoundaryReportTest {

    @TempDir
    Path dir;

    // road (0) everywhere, car (1) a 5x5 square predicted 3 px to the right: car F = 11/16 at 2 px
    // (see BoundaryScoreTest); sky and tree have no boundary, so their F is undefined
    private static MetricsReport report() {
        BoundaryScore score = new BoundaryScore(4, BoundaryTolerance.ofPixels(2));
        score.add(square(8), square(5));
        return ReportFixtures.fourClassReport().withBoundary(score);
    }

    private static LabelMask square(int x0) {
        LabelMask m = LabelMask.filled(20, 20, 0);
        for (int y = 5; y < 10; y++) {
            for (int x = x0; x < x0 + 5; x++) {
                m.set(x, y, 1);
            }
        }
        return m;
    }

    @Test
    void jsonHasPerClassAndMeanBoundaryF() throws Exception {
        Path file = dir.resolve("metrics.json");
        report().writeJson(file);
        JsonNode json = Json.JSON.readTree(file.toFile());
        assertThat(json.get("meanBoundaryF1").asDouble()).isCloseTo((12 / 20.0 + 11 / 16.0) / 2, within(1e-12));
        assertThat(json.get("boundaryTolerance").asText()).isEqualTo("2 px");
        assertThat(json.get("perClass").get(1).get("boundaryF1").asDouble()).isCloseTo(11 / 16.0, within(1e-12));
        assertThat(json.get("perClass").get(1).get("boundaryPrecision").asDouble()).isEqualTo(11 / 16.0);
        assertThat(json.get("perClass").get(2).get("boundaryF1").isNull()).isTrue();
    }

    @Test
    void consoleAndMarkdownShowTheColumn() {
        String table = report().consoleTable();
        assertThat(table).contains("Boundary F").contains("68.8%").contains("within 2 px");
        assertThat(table.lines().filter(l -> l.startsWith("car")).findFirst().orElseThrow()).contains("68.8%");
        String md = MarkdownReport.render(report(), false, false);
        assertThat(md).contains("| Mean boundary F (within 2 px) | 64.4% |").contains("| Boundary F |")
                .contains("| 68.8% |");
        assertThat(ReportFixtures.fourClassReport().consoleTable()).doesNotContain("Boundary");
    }

    @Test
    void classCountMustMatch() {
        BoundaryScore three = new BoundaryScore(3, BoundaryTolerance.ofPixels(2));
        assertThatThrownBy(() -> ReportFixtures.fourClassReport().withBoundary(three))
                .hasMessageContaining("boundary score has 3");
    }
}
