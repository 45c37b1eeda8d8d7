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
import java.util.Locale;
import java.util.SplittableRandom;
import org.seg4j.Seg4jException;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.layer.BatchNormFolding;
import org.seg4j.model.layer.Release;

/**
 * Measures one inference lever A/B in one process: passes with the lever off and on alternate, so
 * both see the same background load (on a shared machine, separate runs minutes apart differ by
 * more than most levers are worth). Reports the median time of each and the median of the per-pair
 * ratios off / on (above 1: the lever helps).
 */
public final class LeverComparison {

    /** The levers that can be switched within a process. */
    public enum Lever {
        /** Batch norm folded into the convolutions. */
        FOLD,
        /** Intermediates freed as soon as they are consumed. */
        RELEASE,
        /** Class map in Java over the logits read in place, against DJL's argMax. */
        JAVA_ARGMAX
    }

    private LeverComparison() {}

    /** Runs {@code pairs} off/on pairs (after one warm-up pair) and returns a one-line summary. */
    public static String run(String model, int unetWidth, int numClasses, int size, int batch, int pairs, Lever lever) {
        if (pairs < 1) {
            throw new Seg4jException("lever comparison needs at least one pair, got " + pairs);
        }
        ModelSpec spec = Seg4jPerfWorker.spec(model, unetWidth, numClasses);
        Engine.getInstance().setRandomSeed(42);
        SplittableRandom rnd = new SplittableRandom(7);
        float[] input = new float[batch * 3 * size * size];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) rnd.nextDouble();
        }
        float[] scratch = new float[2 * size * size];
        double[] off = new double[pairs];
        double[] on = new double[pairs];
        double[] ratio = new double[pairs];
        JniUtils.setGradMode(false);
        try (NDManager base = NDManager.newBaseManager()) {
            Block block = ModelRegistry.create(spec);
            ModelDirectory.initialize(block, base, 64, 64);
            for (int i = -1; i < pairs; i++) {
                boolean onFirst = i % 2 == 0;
                double a = 0;
                double b = 0;
                for (int k = 0; k < 2; k++) {
                    boolean enable = (k == 0) == onFirst;
                    double ms = pass(block, base, input, batch, size, scratch, lever, enable);
                    if (enable) {
                        b = ms;
                    } else {
                        a = ms;
                    }
                }
                if (i >= 0) {
                    off[i] = a;
                    on[i] = b;
                    ratio[i] = a / b;
                }
            }
        }
        Release.setEnabled(true);
        return String.format(Locale.ROOT, "lever %s, %s %dx%d batch %d, %d pairs: off p50 %.0f ms, on p50 %.0f ms,"
                        + " median ratio off/on %.2fx (min %.2fx, max %.2fx); peak RSS %.0f MiB", lever, model, size,
                size, batch, pairs, Timing.median(off), Timing.median(on), Timing.median(ratio), min(ratio), max(ratio),
                ProcessMemory.peakRssMb());
    }

    private static double pass(Block block, NDManager base, float[] input, int batch, int size, float[] scratch,
            Lever lever, boolean enable) {
        boolean fold = lever != Lever.FOLD || enable;
        if (fold != BatchNormFolding.isFolded(block)) {
            if (fold) {
                BatchNormFolding.fold(block);
            } else {
                BatchNormFolding.unfold(block);
            }
        }
        Release.setEnabled(lever != Lever.RELEASE || enable);
        boolean javaArgmax = lever != Lever.JAVA_ARGMAX || enable;
        long t0 = System.nanoTime();
        try (NDManager sub = base.newSubManager()) {
            NDArray x = sub.create(input, new Shape(batch, 3, size, size));
            NDArray logits = block.forward(new ParameterStore(sub, false), new NDList(x), false).head();
            byte[] classes = javaArgmax
                    ? ClassMaps.argmax(logits.toByteBuffer(true), batch, (int) logits.getShape().get(1), size * size,
                            scratch)
                    : logits.argMax(1).toType(DataType.UINT8, false).toByteArray();
            if (classes.length != batch * size * size) {
                throw new IllegalStateException("class map of " + classes.length + " pixels");
            }
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
