package org.seg4j.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.seg4j.Seg4jException;
import org.seg4j.data.Batch;
import org.seg4j.train.optim.Optimizer;

/**
 * Times the training path seg4j really runs ({@link TrainingStep}: forward, cross-entropy with the
 * ignore label, backward and an Adam update, each step in its own sub-manager) on one random batch,
 * for benchmarks. The block's parameters are updated, so use a throw-away model.
 */
public final class StepTiming {

    private StepTiming() {}

    /**
     * Runs {@code warmup} untimed and then {@code steps} timed training steps of {@code block}
     * (initialised, parameters owned by {@code manager}) on a random batch of {@code batchSize x 3
     * x height x width} with random labels in {@code [0, numClasses)}, and returns each timed
     * step's wall-clock milliseconds.
     */
    public static double[] stepMillis(Block block, NDManager manager, int numClasses, int batchSize, int height,
            int width, int warmup, int steps) {
        if (batchSize < 1 || height < 1 || width < 1 || warmup < 0 || steps < 1) {
            throw new Seg4jException("step timing needs a positive batch and size, warm-up >= 0 and steps >= 1, got"
                    + " batch " + batchSize + ", " + height + "x" + width + ", warm-up " + warmup + ", steps " + steps);
        }
        SplittableRandom rnd = new SplittableRandom(42);
        float[] images = new float[batchSize * 3 * height * width];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) rnd.nextDouble();
        }
        byte[] labels = new byte[batchSize * height * width];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) rnd.nextInt(numClasses);
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < batchSize; i++) {
            ids.add("random-" + i);
        }
        Batch batch = new Batch(images, labels, batchSize, height, width, ids);
        Optimizer adam = Optimizer.create("adam", manager, 0.9f, 0f, false);
        TrainingStep step = new TrainingStep(block, new SegmentationLoss(numClasses), adam, manager, numClasses, 42);
        double[] ms = new double[steps];
        for (int i = -warmup; i < steps; i++) {
            long t0 = System.nanoTime();
            step.run(batch, 1e-3f, i + warmup);
            if (i >= 0) {
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return ms;
    }
}
