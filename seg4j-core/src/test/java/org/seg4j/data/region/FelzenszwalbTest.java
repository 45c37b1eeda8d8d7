package org.seg4j.data.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.seg4j.data.ImageFiles;
import org.seg4j.data.RgbImage;
import org.seg4j.util.Json;

class FelzenszwalbTest {

    private static final Path FIXTURE = Path.of("src/test/resources/reference/felzenszwalb");

    @Test
    void recoversFlatRegionsExactly() {
        Segments s = new Felzenszwalb(100, 0.0, 1).segment(DrawnImages.fourRegions());
        assertThat(s.count()).isEqualTo(4);
        assertThat(s.labels()).isEqualTo(DrawnImages.fourRegionsTruth());
    }

    @Test
    void smoothingTurnsBlurredEdgesIntoThinSegmentsAsScikitImageDoes() {
        Segments s = new Felzenszwalb(100, 0.8, 20).segment(DrawnImages.fourRegions());
        // skimage 0.26 felzenszwalb(scale=100, sigma=0.8, min_size=20) on the same picture: 16 segments
        // (the four interiors plus bands along the blurred edges)
        assertThat(s.count()).isEqualTo(16);
        assertThat(java.util.Set.of(s.get(1, 1), s.get(10, 9), s.get(28, 12), s.get(20, 28))).hasSize(4);
    }

    @Test
    void minSizeMergesSmallSegments() {
        RgbImage img = DrawnImages.fourRegions();
        DrawnImages.rect(img, 30, 1, 32, 3, 0xFFFFFF); // a 4-pixel speck
        assertThat(new Felzenszwalb(100, 0, 1).segment(img).count()).isEqualTo(5);
        Segments merged = new Felzenszwalb(100, 0, 10).segment(img);
        assertThat(merged.count()).isEqualTo(4);
        assertThat(java.util.Arrays.stream(merged.sizes()).min().getAsInt()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void largerScaleGivesFewerSegments() {
        RgbImage img = ImageFiles.read(FIXTURE.resolve("image.png"));
        int fine = new Felzenszwalb(10, 0.5, 1).segment(img).count();
        int coarse = new Felzenszwalb(500, 0.5, 1).segment(img).count();
        assertThat(coarse).isLessThan(fine);
    }

    @Test
    void matchesScikitImage() {
        RgbImage img = ImageFiles.read(FIXTURE.resolve("image.png"));
        JsonNode doc = Json.read(FIXTURE.resolve("expected.json"), JsonNode.class);
        for (JsonNode c : doc.get("cases")) {
            Segments s = new Felzenszwalb(c.get("scale").asDouble(), c.get("sigma").asDouble(),
                    c.get("min_size").asInt()).segment(img);
            JsonNode labels = c.get("labels");
            int same = 0;
            for (int p = 0; p < labels.size(); p++) {
                same += s.labels()[p] == labels.get(p).asInt() ? 1 : 0;
            }
            String setting = c.toString().substring(0, c.toString().indexOf(",\"labels\""));
            assertThat(s.count()).as(setting).isEqualTo(c.get("count").asInt());
            assertThat(same).as(setting).isEqualTo(labels.size());
        }
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> new Felzenszwalb(0, 0.8, 20)).hasMessageContaining("scale");
        assertThatThrownBy(() -> new Felzenszwalb(1, -1, 20)).hasMessageContaining("sigma");
        assertThatThrownBy(() -> new Felzenszwalb(1, 0.8, 0)).hasMessageContaining("min size");
    }
}
