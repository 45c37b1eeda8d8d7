package org.seg4j.onnx.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.infer.NetworkForward;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModel;
import org.seg4j.onnx.OnnxForward;

/**
 * Every architecture the exporter covers, at tiny widths: ONNX Runtime's logits within 1e-4 of
 * seg4j's and the same class map, for a batch of two at a size that is a multiple of the model's
 * output stride and at an odd size (padded inside the graph, like seg4j pads).
 */
public class ArchitectureExportTest {

    private static final int CLASSES = 3;

    @TempDir
    Path dir;

    static Stream<Arguments> architectures() {
        return Stream.of(
                Arguments.of(new ModelSpec("deeplabv3plus", "resnet18", CLASSES, 8, Map.of())),
                Arguments.of(new ModelSpec("deeplabv3plus", "resnet18", CLASSES, 8, Map.of("ibn", "a"))),
                Arguments.of(new ModelSpec("deeplabv3plus", "mobilenetv2", CLASSES, 8, Map.of("output_stride", "8"))),
                Arguments.of(new ModelSpec("deeplabv3", "resnet50", CLASSES, 4, Map.of("pad", "zero"))),
                Arguments.of(new ModelSpec("fcn8s", "vgg16", CLASSES, 4, Map.of())),
                Arguments.of(new ModelSpec("fcn16s", "resnet18", CLASSES, 4, Map.of())),
                Arguments.of(new ModelSpec("fcn32s", "vgg16", CLASSES, 4, Map.of())),
                Arguments.of(new ModelSpec("pspnet", "resnet18", CLASSES, 8, Map.of())),
                Arguments.of(new ModelSpec("fastscnn", "", CLASSES, 4, Map.of("blocks", "1"))),
                Arguments.of(new ModelSpec("lraspp", "", CLASSES, 4, Map.of("inter_channels", "16"))),
                Arguments.of(new ModelSpec("segnet", "", CLASSES, 4, Map.of())),
                Arguments.of(new ModelSpec("parsenet", "resnet18", CLASSES, 8, Map.of())),
                Arguments.of(new ModelSpec("fastfcn", "resnet18", CLASSES, 8, Map.of())),
                Arguments.of(new ModelSpec("segmenter", "vit-tiny", CLASSES, 0, Map.of("depth", "1", "dec_depth", "1"))),
                Arguments.of(new ModelSpec("unet", "", CLASSES, 4, Map.of("depth", "2"))),
                Arguments.of(new ModelSpec("unet", "resnet18", CLASSES, 8, Map.of("decoder_channels", "16"))));
    }

    /** A model of {@code spec} with random weights and batch-norm statistics far from the identity, so the fold matters. */
    public static SegmentationModel tinyModel(ModelSpec spec, NDManager manager, long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        SegmentationModel model = (SegmentationModel) ModelRegistry.create(spec);
        ModelDirectory.initialize(model, manager, 32, 32);
        Random random = new Random(seed);
        for (Pair<String, Parameter> p : model.getParameters()) {
            String name = p.getKey();
            float[] v = p.getValue().getArray().toFloatArray();
            if (name.endsWith("runningVar")) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = 0.5f + random.nextFloat();
                }
            } else if (name.endsWith("runningMean") || name.endsWith("beta") || name.endsWith("gamma")) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = (name.endsWith("gamma") ? 1f : 0f) + 0.3f * (float) random.nextGaussian();
                }
            } else {
                continue;
            }
            p.getValue().getArray().set(v);
        }
        return model;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void onnxRuntimeGivesSeg4jsLogitsAndClassMap(ModelSpec spec) throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            SegmentationModel model = tinyModel(spec, manager, 7);
            Path file = dir.resolve(spec.architecture() + ".onnx");
            Files.write(file, OnnxExporter.export(model, spec.architecture(), manager));
            try (OnnxForward onnx = OnnxForward.open(file, CLASSES, 1);
                    NetworkForward seg4j = new NetworkForward(model, CLASSES, manager)) {
                assertThat(onnx.signature()).contains("input [-1, 3, -1, -1]").contains("logits [-1, 3, -1, -1]");
                Random random = new Random(3);
                for (int[] hw : new int[][] {{32, 32}, {37, 45}}) {
                    int n = 2;
                    int pixels = hw[0] * hw[1];
                    float[] x = new float[n * 3 * pixels];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = (float) random.nextGaussian();
                    }
                    float[] expected = seg4j.run(x, n, hw[0], hw[1], false);
                    float[] actual = onnx.run(x, n, hw[0], hw[1], false);
                    assertThat(actual).hasSameSizeAs(expected);
                    double maxDiff = 0;
                    double maxAbs = 0;
                    for (int i = 0; i < actual.length; i++) {
                        maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
                        maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
                    }
                    System.out.printf(java.util.Locale.ROOT, "%s %dx%d: max |logit diff| %.2g, logits up to %.3g%n",
                            spec.architecture(), hw[0], hw[1], maxDiff, maxAbs);
                    // 1e-4 absolute, relative to the logits' scale where they exceed 1 (float32 sums in another order)
                    assertThat(maxDiff).as("%s: max |logit diff| at %dx%d (logits up to %.3g)", spec.architecture(),
                            hw[0], hw[1], maxAbs).isLessThan(1e-4 * Math.max(1, maxAbs));
                    assertThat(classMap(actual, n, pixels)).as("%s: class map at %dx%d", spec.architecture(), hw[0], hw[1])
                            .isEqualTo(classMap(expected, n, pixels));
                }
            }
        }
    }

    /** Per image and pixel, the class with the highest logit. */
    static int[] classMap(float[] logits, int n, int pixels) {
        int[] map = new int[n * pixels];
        for (int b = 0; b < n; b++) {
            int base = b * CLASSES * pixels;
            for (int p = 0; p < pixels; p++) {
                int best = 0;
                for (int c = 1; c < CLASSES; c++) {
                    if (logits[base + c * pixels + p] > logits[base + best * pixels + p]) {
                        best = c;
                    }
                }
                map[b * pixels + p] = best;
            }
        }
        return map;
    }
}
