package org.seg4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Iterator;
import org.seg4j.Seg4jException;
import org.seg4j.data.Batch;
import org.seg4j.data.BatchProvider;
import org.seg4j.data.LabelMask;
import org.seg4j.data.SampleSource;
import org.seg4j.infer.Evaluator;
import org.seg4j.infer.NetworkForward;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.PredictorOptions;
import org.seg4j.metric.ConfusionMatrix;
import org.seg4j.metric.SegmentationMetrics;
import org.seg4j.model.ModelManifest;
import org.seg4j.util.GradientsOff;

/**
 * The validation pass: runs the network over the full-size validation images with gradients off,
 * accumulating a confusion matrix and the loss per labelled pixel. The logits come from the
 * forward pass that inference uses ({@link NetworkForward#logits}): images go to the network as
 * they are (it pads them to its stride itself, with its own pad mode) and logits of another size
 * are resized back the same way, so the best checkpoint is picked on the computation that
 * {@code seg4j eval} reports.
 *
 * <p>When the validation samples and the model's manifest are given, the metrics go further down
 * that one path: a {@link Predictor} over the network in training (with the manifest's input scale
 * and normalisation) is run by {@link Evaluator} over the full-resolution samples, exactly as
 * {@code seg4j eval} runs it, so a model trained at {@code input_scale} 0.5 is also validated on
 * full-resolution masks. The loss still comes from the batches, at the network's resolution.
 */
final class Validator {

    /**
     * @param loss mean loss per labelled pixel, {@code NaN} when no pixel is labelled
     * @param metrics metrics of the confusion matrix
     * @param matrix pixel counts over the validation set (void pixels skipped)
     */
    record Result(double loss, SegmentationMetrics metrics, ConfusionMatrix matrix) {}

    private final BatchProvider data;
    private final Block block;
    private final SegmentationLoss loss;
    private final NDManager manager;
    private final int numClasses;
    private final SampleSource samples;
    private final ModelManifest manifest;

    Validator(BatchProvider data, Block block, SegmentationLoss loss, NDManager manager, int numClasses) {
        this(data, block, loss, manager, numClasses, null, null);
    }

    /**
     * @param samples the validation samples at full resolution, {@code null} to score the batches
     * @param manifest the model's manifest (classes, normalisation, input scale); required with samples
     */
    Validator(BatchProvider data, Block block, SegmentationLoss loss, NDManager manager, int numClasses,
            SampleSource samples, ModelManifest manifest) {
        if (samples != null && manifest == null) {
            throw new IllegalArgumentException("validation samples need the model manifest");
        }
        this.data = data;
        this.block = block;
        this.loss = loss;
        this.manager = manager;
        this.numClasses = numClasses;
        this.samples = samples;
        this.manifest = manifest;
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
                    if (samples == null) {
                        int[] pred = logits.argMax(1).toType(DataType.INT32, false).toIntArray();
                        cm.add(pred, b.labels(), 0, pred.length);
                    }
                }
            }
        }
        if (samples != null) {
            cm = evaluated();
        }
        return new Result(lossPixels > 0 ? lossSum / lossPixels : Double.NaN, cm.metrics(), cm);
    }

    /** The confusion matrix {@code seg4j eval} would report for the network as it is now. */
    private ConfusionMatrix evaluated() {
        // the predictor folds batch norm into copies of the conv weights and restores the originals on close
        try (Predictor predictor = new Predictor(block, manifest, PredictorOptions.defaults())) {
            return Evaluator.evaluate(predictor, samples, null).matrix();
        }
    }

    /** Logits of the batch at its own resolution. */
    private NDArray forward(NDManager step, Batch b) {
        NDArray x = step.create(b.images(), new Shape(b.size(), 3, b.height(), b.width()));
        NDArray logits = NetworkForward.logits(block, new ParameterStore(step, false), x, numClasses);
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
}
