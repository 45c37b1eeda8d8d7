package org.seg4j.infer.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.convert.CocoSegmentation;
import org.seg4j.util.Json;

class CocoDetectionResultsTest {

    @Test
    void writesRleMasksBoxesAndCategoryIds(@TempDir Path dir) throws Exception {
        boolean[] mask = new boolean[4 * 3];
        mask[1 * 4 + 2] = true;
        mask[2 * 4 + 2] = true;
        DetectedInstance d = new DetectedInstance(1, 0.75, new float[] {2, 1, 3, 3}, mask, 2);
        ArrayNode results = CocoDetectionResults.newResults();
        CocoDetectionResults.add(results, 42, List.of(d), 4, 3);
        Path file = dir.resolve("results.json");
        CocoDetectionResults.write(file, results);
        JsonNode r = Json.JSON.readTree(file.toFile()).get(0);
        assertThat(r.get("image_id").asLong()).isEqualTo(42);
        assertThat(r.get("category_id").asInt()).isEqualTo(2);
        assertThat(r.get("score").asDouble()).isEqualTo(0.75);
        assertThat(r.get("bbox").toString()).isEqualTo("[2.0,1.0,1.0,2.0]");
        assertThat(r.get("segmentation").get("size").toString()).isEqualTo("[3,4]");
        assertThat(CocoSegmentation.decode(r.get("segmentation"), 4, 3)).containsExactly(mask);
        assertThatThrownBy(() -> CocoDetectionResults.add(results, 7, List.of(d), 5, 3))
                .hasMessageContaining("image 7").hasMessageContaining("5x3");
    }
}
