package org.seg4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seg4j.data.Batch;
import org.seg4j.model.Encoder;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModel;
import org.seg4j.model.decoder.panoptic.PanopticDeepLabNet;
import org.seg4j.train.optim.Optimizer;

/**
 * Every registered architecture (and the encoder pairings its model test covers) overfits one
 * small batch through seg4j's own training path: {@link SegmentationLoss}, {@link Optimizer} and
 * {@link TrainingStep}. The input is 64x64, so even a stride-32 encoder's deepest stage is 2x2
 * (at 32x32 it would be a single pixel that any network fits trivially or not at all), and the
 * accuracy that counts is the inference-mode one: batch norm on its running statistics, dropout off.
 */
class ArchitectureOverfitTest {

    private static final int SIZE = 64;
    private static final int CLASSES = 3;
    private static final double MIN_ACCURACY = 0.95;

    /**
     * One architecture/encoder pairing.
     *
     * @param spec small spec of it
     * @param maxSteps optimiser steps allowed to reach {@link #MIN_ACCURACY} in inference mode
     * @param lr Adam learning rate
     */
    record Case(ModelSpec spec, int maxSteps, float lr) {
        @Override
        public String toString() {
            return spec.architecture() + "/" + spec.encoderOr("default") + (spec.options().isEmpty() ? "" : " "
                    + spec.options());
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case(spec("unet", "unet", 8, Map.of("depth", "3")), 60, 0.02f),
                new Case(spec("unet", "resnet18", 8, Map.of()), 60, 0.02f),
                new Case(spec("unet", "mobilenetv2", 8, Map.of("output_stride", "16")), 80, 0.02f),
                new Case(spec("fcn8s", "vgg16", 8, Map.of()), 80, 0.02f),
                new Case(spec("fcn16s", "resnet18", 8, Map.of()), 80, 0.02f),
                new Case(spec("fcn32s", "vgg16", 8, Map.of()), 80, 0.02f),
                new Case(spec("deeplabv3", "resnet18", 8, Map.of("output_stride", "8", "decoder_width", "16")), 80, 0.02f),
                new Case(spec("deeplabv3", "unet", 8, Map.of("depth", "2", "decoder_width", "16")), 80, 0.02f),
                // torchvision's forms: image-pooling batch norm, no padding (logits resized to the input)
                new Case(spec("deeplabv3", "resnet18", 8, Map.of("output_stride", "8", "decoder_width", "16",
                        "aspp_pooling", "conv_bn", "pad", "none")), 80, 0.02f),
                new Case(spec("fcn", "resnet18", 8, Map.of("pad", "none")), 80, 0.02f),
                new Case(spec("deeplabv3plus", "vgg16", 8, Map.of("decoder_width", "16")), 80, 0.02f),
                // IBN-a units (instance norm on half the channels of layer1-3) train through the same path
                new Case(spec("deeplabv3plus", "resnet18", 8, Map.of("decoder_width", "16", "ibn", "a")), 80, 0.02f),
                new Case(spec("pspnet", "resnet18", 8, Map.of("output_stride", "8", "decoder_width", "16")), 80, 0.02f),
                new Case(spec("parsenet", "resnet18", 8, Map.of("output_stride", "8")), 80, 0.02f),
                new Case(spec("fastfcn", "resnet18", 8, Map.of("decoder_width", "16")), 80, 0.02f),
                // runs are not bit-identical on this engine: one CI run stood at 0.944 at step 80 where earlier
                // ones passed; the 0.95 bar is the same, the step limit longer
                new Case(spec("segnet", "", 8, Map.of()), 150, 0.02f),
                new Case(spec("fastscnn", "", 8, Map.of("blocks", "1")), 80, 0.02f),
                // torchvision's batch-norm momentum 0.01 makes the running statistics, and so the inference-mode
                // accuracy, lag: training loss 0.06 at step 30, inference accuracy 0.61 then, 0.89 at 80, 0.95 at 180
                new Case(spec("lraspp", "", 8, Map.of("inter_channels", "32")), 300, 0.02f),
                // the semantic branch of the panoptic network trains alone through the semantic path
                new Case(spec("panoptic-deeplab", "resnet18", 8,
                        Map.of("output_stride", "8", "decoder_width", "16", "instance_width", "8")), 80, 0.02f),
                new Case(spec("segmenter", "vit-tiny", 16,
                        Map.of("patch_size", "4", "depth", "2", "heads", "2", "dec_depth", "1", "pos_grid", "4")),
                        100, 0.01f),
                // fixed shape and two classes (the published weights'): rectangles against background
                new Case(new ModelSpec("mediapipe-selfie", null, 2, 0, Map.of()), 100, 0.01f));
    }

    private static ModelSpec spec(String architecture, String encoder, int width, Map<String, String> options) {
        return new ModelSpec(architecture, encoder, CLASSES, width, options);
    }

    @Test
    void everyRegisteredArchitectureIsCovered() {
        List<String> covered = cases().map(c -> c.spec().architecture()).distinct().toList();
        List<String> builtIn = ModelRegistry.entries().stream()
                .filter(e -> !e.description().endsWith("(tests)")) // registered by other tests in this JVM
                .map(ModelRegistry.Entry::name)
                .toList();
        assertThat(covered).containsAll(builtIn);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void overfitsOneBatchAndPredictsItInInferenceMode(Case c) {
        Engine.getInstance().setRandomSeed(20261121);
        int classes = c.spec().numClasses();
        Batch batch = rectangles(2, SIZE, SIZE, 7);
        if (classes == 2) {
            byte[] labels = batch.labels();
            for (int i = 0; i < labels.length; i++) {
                labels[i] = (byte) Math.min(labels[i], 1);
            }
        }
        Block block = ModelRegistry.create(c.spec());
        try (NDManager manager = NDManager.newBaseManager();
                Optimizer optimizer = Optimizer.create("adam", manager, 0.9f, 0f, false)) {
            ModelDirectory.initialize(block, manager, SIZE, SIZE);
            Encoder encoder = block instanceof PanopticDeepLabNet p ? p.encoder() : ((SegmentationModel) block).encoder();
            int deepest = SIZE / encoder.outputStride();
            assertThat(deepest).as("side of the deepest encoder stage").isGreaterThanOrEqualTo(2);
            TrainingStep step = new TrainingStep(block, new SegmentationLoss(classes, null, SegmentationLoss.Kind.CE),
                    optimizer, manager, classes, 1);
            float first = step.run(batch, c.lr(), 0);
            float last = first;
            double accuracy = 0;
            int steps = 1;
            while (steps < c.maxSteps() && accuracy < MIN_ACCURACY) {
                last = step.run(batch, c.lr(), steps);
                steps++;
                if (steps % 10 == 0) {
                    accuracy = inferenceAccuracy(block, manager, batch);
                }
            }
            accuracy = inferenceAccuracy(block, manager, batch);
            assertThat(last).as("training loss after %d steps", steps).isLessThan(first / 2);
            assertThat(accuracy)
                    .as("inference-mode pixel accuracy after %d steps (limit %d)", steps, c.maxSteps())
                    .isGreaterThanOrEqualTo(MIN_ACCURACY);
        }
    }

    /** Pixel accuracy of the arg-max prediction with batch norm and dropout in inference mode. */
    private static double inferenceAccuracy(Block block, NDManager manager, Batch batch) {
        try (NDManager sub = manager.newSubManager()) {
            NDArray x = sub.create(batch.images(), new Shape(batch.size(), 3, batch.height(), batch.width()));
            NDArray logits = block.forward(new ParameterStore(sub, false), new NDList(x), false).head();
            byte[] predicted = logits.argMax(1).toType(ai.djl.ndarray.types.DataType.UINT8, false).toByteArray();
            int correct = 0;
            for (int i = 0; i < predicted.length; i++) {
                correct += predicted[i] == batch.labels()[i] ? 1 : 0;
            }
            return correct / (double) predicted.length;
        }
    }

    /**
     * A deterministic batch: class 0 background with rectangles of classes 1 and 2, each class its
     * own colour plus Gaussian noise.
     */
    static Batch rectangles(int n, int height, int width, long seed) {
        float[][] colours = {{0.2f, 0.2f, 0.2f}, {0.9f, 0.2f, 0.1f}, {0.1f, 0.3f, 0.9f}};
        Random rnd = new Random(seed);
        byte[] labels = new byte[n * height * width];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < 3; r++) {
                int cls = 1 + r % 2;
                int h = 12 + rnd.nextInt(height / 2);
                int w = 12 + rnd.nextInt(width / 2);
                int y0 = rnd.nextInt(height - h);
                int x0 = rnd.nextInt(width - w);
                for (int y = y0; y < y0 + h; y++) {
                    for (int x = x0; x < x0 + w; x++) {
                        labels[(i * height + y) * width + x] = (byte) cls;
                    }
                }
            }
        }
        float[] images = new float[n * 3 * height * width];
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < 3; ch++) {
                for (int p = 0; p < height * width; p++) {
                    int cls = labels[i * height * width + p];
                    images[(i * 3 + ch) * height * width + p] = colours[cls][ch] + 0.1f * (float) rnd.nextGaussian();
                }
            }
        }
        return new Batch(images, labels, n, height, width, List.of("a", "b"));
    }
}
