package org.seg4j.infer.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.ImageFiles;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.Probabilities;
import org.seg4j.model.ModelDirectory;
import org.seg4j.transform.Normalization;
import org.seg4j.model.weights.TensorFile;
import org.seg4j.util.Json;

/**
 * A U-Net traced with {@code torch.jit.trace} by torch 2.13 ({@code bench/torchscript/
 * make_torchscript_fixture.py}) imported as a model directory and run by DJL's libtorch: the
 * class map equals PyTorch's and logits and probabilities agree within 1e-4.
 */
class TorchScriptRuntimeTest {

    private static final double TOLERANCE = 1e-4;

    private static final String[] FILES = {"unet.pt", "unet.json", "image.png", "expected.safetensors"};

    @TempDir
    Path tmp;

    private JsonNode meta;
    private Normalization normalization;
    private int size;

    @BeforeEach
    void copyFixture() throws IOException {
        for (String f : FILES) {
            try (InputStream in = getClass().getResourceAsStream("/torchscript/" + f)) {
                assertThat(in).as("test resource torchscript/" + f).isNotNull();
                Files.copy(in, tmp.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        meta = Json.JSON.readTree(tmp.resolve("unet.json").toFile());
        normalization = new Normalization(floats(meta.get("mean")), floats(meta.get("std")));
        size = meta.get("size").asInt();
    }

    @Test
    void tracedUnetImportsAndPredictsLikePyTorch() throws IOException {
        Path dir = tmp.resolve("model");
        ClassMeta classes = ClassMeta.of(new String[] {"a", "b", "c"},
                new int[][] {{0, 0, 0}, {255, 0, 0}, {0, 255, 0}}, 255);
        ExternalModelImport.Check check = ExternalModelImport.builder()
                .setRuntime(TorchScriptRuntime.NAME)
                .setFile(tmp.resolve("unet.pt"))
                .setClasses(classes)
                .setInputSize(size, size)
                .optNormalization(normalization)
                .build()
                .writeTo(dir);
        assertThat(check.signature()).contains("TorchScript");
        assertThat(ModelDirectory.readManifest(dir).runtime()).isEqualTo("torchscript");
        assertThat(dir.resolve("model.pt")).exists();

        RgbImage image = ImageFiles.read(tmp.resolve("image.png"));
        float[] logits;
        byte[] classMap;
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> expected = TensorFile.read(tmp.resolve("expected.safetensors"), m);
            logits = expected.get("logits").toFloatArray();
            classMap = expected.get("classes").toByteArray();
        }

        float[] actual;
        try (ExternalForward pass = ModelRuntimes.find("torchscript").open(dir.resolve("model.pt"), 3)) {
            actual = pass.run(normalization.toChw(image), 1, size, size, false);
        }
        assertThat(actual).hasSameSizeAs(logits);
        double logitDiff = maxDiff(actual, logits);
        assertThat(logitDiff).as("max |libtorch 2.7.1 - torch 2.13| logit").isLessThan(TOLERANCE);

        try (Predictor predictor = Predictor.load(dir)) {
            Probabilities p = predictor.predictProbabilities(image);
            double probDiff = maxDiff(p.data(), softmax(logits, 3));
            assertThat(probDiff).as("max probability difference").isLessThan(TOLERANCE);
            LabelMask mask = predictor.predict(image);
            // equal wherever PyTorch's top two logits are further apart than the tolerance (a near-tie
            // may go either way under another libtorch's kernels); the fixture has at most a few such pixels
            int plane = size * size;
            int nearTies = 0;
            for (int i = 0; i < plane; i++) {
                if (margin(logits, i, plane) < TOLERANCE) {
                    nearTies++;
                } else {
                    assertThat(mask.data()[i]).as("class at pixel %d", i).isEqualTo(classMap[i]);
                }
            }
            assertThat(nearTies).isLessThanOrEqualTo(2);
            System.out.printf(java.util.Locale.ROOT, "TorchScript unet: max |logit difference| %.2e, max probability "
                    + "difference %.2e, class map equal on %d of %d pixels (%d near-ties not compared)%n", logitDiff,
                    probDiff, plane - nearTies, plane, nearTies);
        }
        int[] counts = new int[3];
        for (byte c : classMap) {
            counts[c]++;
        }
        assertThat(java.util.Arrays.stream(counts).min().orElseThrow()).as("pixels of the rarest class").isGreaterThan(500);
    }

    /** Top logit minus the second one at pixel {@code i}. */
    private static float margin(float[] logits, int i, int plane) {
        float first = Float.NEGATIVE_INFINITY;
        float second = Float.NEGATIVE_INFINITY;
        for (int c = 0; c < logits.length / plane; c++) {
            float v = logits[c * plane + i];
            if (v > first) {
                second = first;
                first = v;
            } else if (v > second) {
                second = v;
            }
        }
        return first - second;
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }

    private static float[] softmax(float[] logits, int classes) {
        int plane = logits.length / classes;
        float[] out = new float[logits.length];
        for (int i = 0; i < plane; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[c * plane + i]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(logits[c * plane + i] - max);
            }
            for (int c = 0; c < classes; c++) {
                out[c * plane + i] = (float) (Math.exp(logits[c * plane + i] - max) / sum);
            }
        }
        return out;
    }

    private static double maxDiff(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }
}
