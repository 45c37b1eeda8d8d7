package org.seg4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.PngFiles;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.Probabilities;
import org.seg4j.infer.TestModels;
import org.seg4j.model.ModelDirectory;

/** Batched segmentation, probabilities on request, and exceptions that tell bad images from bad models. */
class SegmenterApiTest {

    @TempDir
    static Path tmp;
    static Path pointwise;
    static Path conv;

    @BeforeAll
    static void models() {
        pointwise = TestModels.saveModel(tmp.resolve("pointwise"), TestModels.POINTWISE, 32, 1.0);
        conv = TestModels.saveModel(tmp.resolve("conv"), TestModels.CONV3, 32, 0.5);
    }

    private static List<RgbImage> images() {
        return List.of(TestModels.randomImage(31, 23, 1), TestModels.randomImage(40, 30, 2),
                TestModels.randomImage(31, 23, 3));
    }

    @Test
    void segmentAllEqualsSegmentImageByImageInOrder() {
        try (Segmenter s = Segmenter.load(conv)) {
            List<RgbImage> images = images();
            List<SegmentationResult> all = s.segmentAll(images);
            assertThat(all).hasSize(3);
            for (int i = 0; i < 3; i++) {
                RgbImage img = images.get(i);
                assertThat(all.get(i).image()).isSameAs(img);
                assertThat(all.get(i).mask().width()).isEqualTo(img.width());
                assertThat(all.get(i).mask().data()).isEqualTo(s.segment(img).mask().data());
                assertThat(all.get(i).hasProbabilities()).isFalse();
            }
            assertThat(s.segmentAll(List.of())).isEmpty();
        }
        try (Segmenter s = Segmenter.load(pointwise)) {
            RgbImage img = images().get(1);
            assertThat(s.segmentAll(List.of(img)).get(0).mask().data()).isEqualTo(TestModels.dominantChannel(img));
        }
    }

    @Test
    void probabilitiesAndConfidenceOnRequest() {
        RgbImage img = TestModels.randomImage(37, 29, 4);
        try (Segmenter plain = Segmenter.load(conv)) {
            SegmentationResult r = plain.segment(img);
            assertThatThrownBy(r::confidence).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("optProbabilities(true)");
            assertThatThrownBy(r::probabilities).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("optProbabilities(true)");
        }
        try (Segmenter s = Segmenter.builder().setModelDir(conv).optProbabilities(true).build()) {
            assertThat(s.returnsProbabilities()).isTrue();
            SegmentationResult r = s.segment(img);
            Probabilities p = r.probabilities();
            assertThat(p.width()).isEqualTo(37);
            assertThat(p.height()).isEqualTo(29);
            assertThat(p.data()).containsExactly(s.predictor().predictProbabilities(img).data());
            assertThat(r.mask().data()).isEqualTo(p.argmax().data());
            float[] confidence = r.confidence();
            assertThat(confidence).hasSize(37 * 29);
            for (int y = 0; y < 29; y++) {
                for (int x = 0; x < 37; x++) {
                    float sum = 0;
                    for (int c = 0; c < 3; c++) {
                        sum += p.get(c, x, y);
                    }
                    assertThat(sum).isCloseTo(1f, within(1e-4f));
                    float c = confidence[y * 37 + x];
                    assertThat(c).isEqualTo(p.get(r.mask().get(x, y), x, y)).isEqualTo(r.confidence(x, y));
                    assertThat(c).isGreaterThanOrEqualTo(1f / 3 - 1e-6f).isLessThanOrEqualTo(1f);
                }
            }
            List<SegmentationResult> all = s.segmentAll(images());
            for (int i = 0; i < 3; i++) {
                assertThat(all.get(i).confidence()).hasSize(images().get(i).width() * images().get(i).height());
                assertThat(all.get(i).mask().data()).isEqualTo(all.get(i).probabilities().argmax().data());
            }
        }
    }

    @Test
    void badImagesThrowInvalidImageExceptionNamingTheSource(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("good.png");
        PngFiles.writeRgb(good, TestModels.randomImage(20, 10, 5));
        Path corrupt = dir.resolve("corrupt.png");
        Files.write(corrupt, Arrays.copyOf(Files.readAllBytes(good), 40));
        Path missing = dir.resolve("missing.jpg");
        try (Segmenter s = Segmenter.load(pointwise)) {
            assertThat(s.segmentFiles(List.of(good, good))).hasSize(2);
            InvalidImageException e = catchThrowableOfType(() -> s.segment(corrupt), InvalidImageException.class);
            assertThat(e).isInstanceOf(Seg4jException.class);
            assertThat(e.source()).isEqualTo(corrupt.toString());
            assertThat(e.problem()).isNotBlank().doesNotContain(corrupt.toString());
            assertThat(e.getMessage()).startsWith(corrupt + ": ");
            e = catchThrowableOfType(() -> s.segmentFiles(List.of(good, missing)), InvalidImageException.class);
            assertThat(e.source()).isEqualTo(missing.toString());
            assertThat(e.problem()).contains("not found");
            List<RgbImage> withNull = new ArrayList<>(images());
            withNull.set(1, null);
            e = catchThrowableOfType(() -> s.segmentAll(withNull), InvalidImageException.class);
            assertThat(e.source()).isEqualTo("image 2 of 3");
        }
    }

    @Test
    void badModelsThrowInvalidModelExceptionNamingTheDirectory(@TempDir Path dir) throws IOException {
        Path none = dir.resolve("none");
        InvalidModelException e = catchThrowableOfType(() -> Segmenter.load(none), InvalidModelException.class);
        assertThat(e).isInstanceOf(Seg4jException.class);
        assertThat(e.modelDir()).isEqualTo(none);
        assertThat(e.problem()).contains("not a model directory");

        Path noWeights = copyModel(dir.resolve("no-weights"));
        Files.delete(noWeights.resolve(ModelDirectory.WEIGHTS));
        e = catchThrowableOfType(() -> Segmenter.load(noWeights), InvalidModelException.class);
        assertThat(e.modelDir()).isEqualTo(noWeights);
        assertThat(e.problem()).contains(ModelDirectory.WEIGHTS);

        Path badJson = copyModel(dir.resolve("bad-json"));
        Files.writeString(badJson.resolve(ModelDirectory.MANIFEST), "{ \"model\": ");
        e = catchThrowableOfType(() -> Segmenter.builder().setModelDir(badJson).build(), InvalidModelException.class);
        assertThat(e.modelDir()).isEqualTo(badJson);
        assertThat(e.problem()).contains(ModelDirectory.MANIFEST);
        assertThat(e.getMessage()).startsWith(badJson + ": ");

        Path badWeights = copyModel(dir.resolve("bad-weights"));
        Files.write(badWeights.resolve(ModelDirectory.WEIGHTS), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        e = catchThrowableOfType(() -> Segmenter.load(badWeights), InvalidModelException.class);
        assertThat(e.modelDir()).isEqualTo(badWeights);
        assertThat(e.problem()).contains(ModelDirectory.WEIGHTS);

        assertThatThrownBy(() -> Segmenter.builder().build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("setModelDir");
    }

    private static Path copyModel(Path to) throws IOException {
        Files.createDirectories(to);
        for (String f : List.of(ModelDirectory.MANIFEST, ModelDirectory.WEIGHTS)) {
            Files.copy(pointwise.resolve(f), to.resolve(f));
        }
        return to;
    }
}
