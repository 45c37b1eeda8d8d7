package org.seg4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.PredictorOptions;
import org.seg4j.infer.Probabilities;

/** Built-in models by name: shipped with licence and notice, any image size, existing paths first. */
class PretrainedModelsTest {

    @TempDir
    Path tmp;

    @Test
    void selfieIsShippedWithItsLicenceAndNotice() throws Exception {
        Path dir = PretrainedModels.resolve(Path.of("selfie"));
        assertThat(dir).isAbsolute();
        assertThat(Files.readString(dir.resolve("LICENSE"))).contains("Apache License", "Version 2.0");
        assertThat(Files.readString(dir.resolve("NOTICE"))).contains("MediaPipe", "Google LLC",
                "@mediapipe/selfie_segmentation", "0.1.1675465747");
        ModelManifest manifest = ModelDirectory.readManifest(Path.of("selfie"));
        assertThat(manifest.model().architecture()).isEqualTo("mediapipe-selfie");
        assertThat(manifest.classes().names()).containsExactly("background", "person");
        assertThat(manifest.preprocessing().fixedSize()).isTrue();
        assertThat(PretrainedModels.resolve(Path.of("selfie"))).isEqualTo(dir);
    }

    @Test
    void javaApiCutsOutThePersonWithSoftAlpha() throws Exception {
        java.awt.image.BufferedImage photo = javax.imageio.ImageIO.read(
                PretrainedModelsTest.class.getResource("/selfie/photo.png"));
        try (org.seg4j.Segmenter segmenter = org.seg4j.Segmenter.builder().setModelDir(Path.of("selfie"))
                .optProbabilities(true).build()) {
            java.awt.image.BufferedImage cut = segmenter.segment(photo).cutout(java.util.Set.of("person"));
            assertThat(cut.getRGB(5, 5) >>> 24).isZero();
            assertThat(cut.getRGB(110, 60) >>> 24).isEqualTo(255);
            int partial = 0;
            for (int y = 0; y < cut.getHeight(); y++) {
                for (int x = 0; x < cut.getWidth(); x++) {
                    int a = cut.getRGB(x, y) >>> 24;
                    partial += a > 0 && a < 255 ? 1 : 0;
                }
            }
            assertThat(partial).isGreaterThan(100);
        }
    }

    @Test
    void unknownNamesListTheBuiltInModelsAndExistingPathsWin() throws Exception {
        assertThatThrownBy(() -> ModelDirectory.readManifest(tmp.resolve("nothing")))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("built-in models: selfie");
        assertThatThrownBy(() -> PretrainedModels.directory("portrait"))
                .hasMessageContaining("no built-in model 'portrait'").hasMessageContaining("selfie");
        Path local = Files.createDirectories(tmp.resolve("selfie"));
        assertThat(PretrainedModels.resolve(local)).isEqualTo(local);
    }

    @Test
    void anyImageSizeIsResizedToTheInputAndBack() {
        try (Predictor p = Predictor.load(Path.of("selfie"))) {
            RgbImage image = RgbImage.blank(150, 90);
            Probabilities probs = p.predictProbabilities(image);
            assertThat(probs.width()).isEqualTo(150);
            assertThat(probs.height()).isEqualTo(90);
            for (int i = 0; i < 150 * 90; i++) {
                assertThat(probs.data()[i] + probs.data()[150 * 90 + i]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
            }
            LabelMask mask = p.predict(image);
            assertThat(mask.width()).isEqualTo(150);
            assertThat(p.predictBatch(java.util.List.of(image, RgbImage.blank(40, 300)))).hasSize(2);
            assertThat(p.describeSettings()).contains("input resized to 256x256");
        }
        assertThatThrownBy(() -> Predictor.load(Path.of("selfie"), PredictorOptions.defaults().withScale(0.5)))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("--scale");
    }
}
