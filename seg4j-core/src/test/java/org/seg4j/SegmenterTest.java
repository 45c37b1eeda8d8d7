package org.seg4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.Images;
import org.seg4j.infer.TestModels;

class SegmenterTest {

    @Test
    void loadSegmentRoundTrip(@TempDir Path tmp) {
        Path dir = TestModels.saveModel(tmp.resolve("model"), TestModels.POINTWISE, 32, 1.0);
        RgbImage img = TestModels.randomImage(61, 47, 9);
        try (Segmenter s = Segmenter.load(dir)) {
            assertThat(s.classes().names()).containsExactly("red", "green", "blue");
            BufferedImage buffered = org.seg4j.data.BufferedImages.toBufferedImage(img);
            SegmentationResult r = s.segment(buffered);
            assertThat(r.mask().width()).isEqualTo(61);
            assertThat(r.mask().height()).isEqualTo(47);
            assertThat(r.mask().data()).isEqualTo(TestModels.dominantChannel(img));
            assertThat(r.elapsed()).isPositive();

            double sum = r.shares().values().stream().mapToDouble(Double::doubleValue).sum();
            assertThat(sum).isCloseTo(1.0, within(1e-9));
            assertThat(r.shares().keySet()).containsExactly("red", "green", "blue");
            long reds = 0;
            for (byte b : r.mask().data()) {
                reds += b == 0 ? 1 : 0;
            }
            assertThat(r.classShares().get(0).pixels()).isEqualTo(reds);
            assertThat(r.share("RED")).isCloseTo(reds / (61.0 * 47), within(1e-12));

            assertThat(r.colorMask().getWidth()).isEqualTo(61);
            BufferedImage overlay = r.overlay(0.5);
            assertThat(overlay.getHeight()).isEqualTo(47);
            BufferedImage cut = r.cutout(Set.of("green"));
            for (int y = 0; y < 47; y++) {
                for (int x = 0; x < 61; x++) {
                    int alpha = cut.getRGB(x, y) >>> 24;
                    assertThat(alpha).isEqualTo(r.mask().get(x, y) == 1 ? 255 : 0);
                }
            }
        }
    }

    @Test
    void scaledModelStillReturnsInputResolution(@TempDir Path tmp) {
        Path dir = TestModels.saveModel(tmp.resolve("model"), TestModels.CONV3, 32, 0.5);
        try (Segmenter s = Segmenter.load(dir)) {
            SegmentationResult r = s.segment(TestModels.randomImage(77, 39, 3));
            assertThat(r.mask().width()).isEqualTo(77);
            assertThat(r.mask().height()).isEqualTo(39);
            assertThat(r.classShares().stream().mapToDouble(SegmentationResult.ClassShare::share).sum())
                    .isCloseTo(1.0, within(1e-9));
        }
    }
}
