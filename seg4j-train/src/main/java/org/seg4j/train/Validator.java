package org.seg4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Iterator;
import org.seg4j.Seg4jException;
import org.seg4j.data.Batch;
import org.seg4j.data.BatchProvider;
import org.seg4j.data.LabelMask;
import org.seg4j.metric.ConfusionMatrix;
import org.seg4j.metric.SegmentationMetrics;
import org.seg4j.util.GradientsOff;

/**
 * The validation pass: runs the network over the full-size validation images with gradients off,
 * accumulating a confusion matrix and the loss per labelled pixel. Images are zero-padded to a
 * multiple of the network's stride and the logits cropped back.
 */
final class Validator {

    /**
     * @param loss mean loss per labelled pixel, {@code NaN} when no pixel is labelled
     * @param metrics metrics of the confusion matrix
     */
    record Result(double loss, SegmentationMetrics metrics) {}

    private final BatchProvider data;
    private final Block block;
    private final SegmentationLoss loss;
    private final NDManager manager;
    private final int numClasses;
    private final int padMultiple;

    Validator(BatchProvider data, Block block, SegmentationLoss loss, NDManager manager, int numClasses,
            int padMultiple) {
        this.data = data;
        this.block = block;
        this.loss = loss;
        this.manager = manager;
        this.numClasses = numClasses;
        this.padMultiple = padMultiple;
    }

    Result run() {
        ConfusionMatrix cm = new ConfusionMatrix(numClasses);
        double lossSum = 0;
        long lossPixels = 0;
        try (GradientsOff off = GradientsOff.begin()) {
            Iterator<Batch> it = data.epoch(0);
            while (it.hasNext()) {
                Batch b = it.next();
                if (b.labels() == null) {
                    throw new Seg4jException("validation batch " + b.ids() + " has no labels");
                }
                try (NDManager step = manager.newSubManager()) {
                    NDArray logits = forward(step, b);
                    long valid = labelledPixels(b);
                    if (valid > 0) {
                        lossSum += loss.compute(logits, b.labels()).getFloat() * (double) valid;
                        lossPixels += valid;
                    }
                    int[] pred = logits.argMax(1).toType(DataType.INT32, false).toIntArray();
                    cm.add(pred, b.labels(), 0, pred.length);
                }
            }
        }
        return new Result(lossPixels > 0 ? lossSum / lossPixels : Double.NaN, cm.metrics());
    }

    /** Logits of the batch at its own resolution. */
    private NDArray forward(NDManager step, Batch b) {
        int ph = (b.height() + padMultiple - 1) / padMultiple * padMultiple;
        int pw = (b.width() + padMultiple - 1) / padMultiple * padMultiple;
        NDArray x = step.create(pad(b, ph, pw), new Shape(b.size(), 3, ph, pw));
        ParameterStore ps = new ParameterStore(step, false);
        NDArray logits = block.forward(ps, new NDList(x), false).head();
        if (ph != b.height() || pw != b.width()) {
            logits = logits.get(new NDIndex(":, :, 0:{}, 0:{}", b.height(), b.width()));
        }
        TrainingStep.checkLogits(logits, b, numClasses);
        return logits;
    }

    private static long labelledPixels(Batch b) {
        long valid = 0;
        for (byte y : b.labels()) {
            if ((y & 0xFF) != LabelMask.IGNORE) {
                valid++;
            }
        }
        return valid;
    }

    /** The batch's images, zero-padded at the bottom and right to {@code ph x pw}. */
    private static float[] pad(Batch b, int ph, int pw) {
        if (ph == b.height() && pw == b.width()) {
            return b.images();
        }
        float[] src = b.images();
        float[] dst = new float[b.size() * 3 * ph * pw];
        int h = b.height();
        int w = b.width();
        for (int plane = 0; plane < b.size() * 3; plane++) {
            for (int y = 0; y < h; y++) {
                System.arraycopy(src, (plane * h + y) * w, dst, (plane * ph + y) * pw, w);
            }
        }
        return dst;
    }
}
