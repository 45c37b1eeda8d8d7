package org.seg4j.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.ModelStats;
import org.seg4j.model.layer.BatchNormFolding;
import org.seg4j.train.StepTiming;

/**
 * The seg4j side of {@code seg4j bench perf}, run in its own JVM so that its peak memory is its
 * own: builds the model, times inference (normalised float input to per-pixel class map) at each
 * batch size and a training step, and returns a {@link SideResult}.
 *
 * <p>The inference path is the one {@link org.seg4j.infer.Predictor} uses: gradients off, batch
 * norm folded into the convolutions, intermediates freed as soon as they are consumed, one
 * sub-manager per pass, argmax in Java over the logits (read in place from native memory).
 * {@link Levers} switches these off one at a time to measure what each is worth.
 */
public final class Seg4jPerfWorker {

    /**
     * Inference settings that can be switched off to measure them.
     *
     * @param foldBatchNorm fold batch norm into the convolutions
     * @param noGrad run with autograd recording off
     * @param javaArgmax take the class map in Java over the logits (else DJL's {@code argMax(1)})
     */
    public record Levers(boolean foldBatchNorm, boolean noGrad, boolean javaArgmax) {

        /** The Predictor's path. */
        public static Levers defaults() {
            return new Levers(true, true, true);
        }
    }

    private Seg4jPerfWorker() {}

    /** The spec seg4j builds for a bench model name. */
    public static ModelSpec spec(String model, int unetWidth, int numClasses) {
        return switch (model) {
            case "unet" -> new ModelSpec("unet", "unet", numClasses, unetWidth, Map.of());
            case "deeplabv3plus" -> new ModelSpec("deeplabv3plus", "resnet18", numClasses, 0, Map.of());
            default -> throw new IllegalArgumentException("no bench model " + model);
        };
    }

    /** Measures {@code model} as {@code settings} say. */
    public static SideResult run(PerfSettings settings, String model, Levers levers) {
        ModelSpec spec = spec(model, settings.unetWidth(), settings.numClasses());
        List<Timing> inference = new ArrayList<>();
        Timing training;
        long parameters;
        Engine.getInstance().setRandomSeed(42);
        try (NDManager base = NDManager.newBaseManager()) {
            Block block = ModelRegistry.create(spec);
            ModelDirectory.initialize(block, base, settings.trainSize(), settings.trainSize());
            parameters = ModelStats.parameterCount(block);
            if (levers.foldBatchNorm()) {
                BatchNormFolding.fold(block);
            }
            for (int batch : settings.inferBatches()) {
                inference.add(infer(block, base, batch, settings, levers));
            }
            BatchNormFolding.unfold(block);
            double[] ms = StepTiming.stepMillis(block, base, settings.numClasses(), settings.trainBatch(),
                    settings.trainSize(), settings.trainSize(), 1, settings.trainSteps());
            training = Timing.of(settings.trainBatch(), settings.trainSize(), ms);
        }
        return new SideResult("seg4j", model, parameters, inference, training, Double.NaN,
                ProcessMemory.peakRssMb(), "libtorch " + Engine.getInstance().getVersion());
    }

    private static Timing infer(Block block, NDManager base, int batch, PerfSettings settings, Levers levers) {
        int size = settings.inferSize();
        SplittableRandom rnd = new SplittableRandom(7);
        float[] input = new float[batch * 3 * size * size];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) rnd.nextDouble();
        }
        double[] ms = new double[settings.runs()];
        float[] scratch = new float[2 * size * size];
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(!levers.noGrad() && gradMode);
        try {
            for (int i = -settings.warmup(); i < settings.runs(); i++) {
                long t0 = System.nanoTime();
                byte[] classes = classMap(block, base, input, batch, size, levers.javaArgmax(), scratch);
                if (classes.length != batch * size * size) {
                    throw new IllegalStateException("class map of " + classes.length + " pixels");
                }
                if (i >= 0) {
                    ms[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        return Timing.of(batch, size, ms);
    }

    /** One inference pass: input floats to {@code batch x size x size} class ids. */
    private static byte[] classMap(Block block, NDManager base, float[] input, int batch, int size,
            boolean javaArgmax, float[] scratch) {
        try (NDManager sub = base.newSubManager()) {
            NDArray x = sub.create(input, new Shape(batch, 3, size, size));
            NDArray logits = block.forward(new ParameterStore(sub, false), new NDList(x), false).head();
            if (!javaArgmax) {
                return logits.argMax(1).toType(DataType.UINT8, false).toByteArray();
            }
            int classes = (int) logits.getShape().get(1);
            // read the logits in place (no copy onto the Java heap) while the pass's manager is open
            return ClassMaps.argmax(logits.toByteBuffer(true), batch, classes, size * size, scratch);
        }
    }
}
