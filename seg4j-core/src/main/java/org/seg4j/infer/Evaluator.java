package org.seg4j.infer;

import java.io.PrintStream;
import java.time.Duration;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.LabelMask;
import org.seg4j.data.Sample;
import org.seg4j.data.SampleSource;
import org.seg4j.metric.ConfusionMatrix;
import org.seg4j.metric.boundary.BoundaryScore;
import org.seg4j.metric.boundary.BoundaryTolerance;
import org.seg4j.util.Progress;

/**
 * Runs a {@link Predictor} over every sample of a data set at full resolution and accumulates one
 * {@link ConfusionMatrix}, from which every region metric is derived, and one {@link BoundaryScore}
 * (boundary F-score per class).
 */
public final class Evaluator {

    /**
     * The outcome of an evaluation.
     *
     * @param matrix pixel counts over the whole data set (void pixels skipped)
     * @param boundary boundary pixel counts over the whole data set
     * @param images number of images evaluated
     * @param elapsed wall-clock time
     */
    public record Result(ConfusionMatrix matrix, BoundaryScore boundary, int images, Duration elapsed) {

        /** Images per second. */
        public double imagesPerSecond() {
            double s = elapsed.toNanos() / 1e9;
            return s > 0 ? images / s : 0;
        }
    }

    private Evaluator() {}

    /**
     * Evaluates {@code predictor} on {@code data}, boundaries within {@link BoundaryTolerance#DEFAULT}.
     *
     * @param progress where to show progress; {@code null} for none
     */
    public static Result evaluate(Predictor predictor, SampleSource data, PrintStream progress) {
        return evaluate(predictor, data, BoundaryTolerance.DEFAULT, progress);
    }

    /**
     * Evaluates {@code predictor} on {@code data}.
     *
     * @param tolerance how far a predicted boundary may lie from the true one
     * @param progress where to show progress; {@code null} for none
     */
    public static Result evaluate(Predictor predictor, SampleSource data, BoundaryTolerance tolerance,
            PrintStream progress) {
        checkSameClasses(predictor.classes(), data.classes());
        int n = data.size();
        ConfusionMatrix matrix = new ConfusionMatrix(predictor.classes().numClasses());
        BoundaryScore boundary = new BoundaryScore(predictor.classes().numClasses(), tolerance);
        long start = System.nanoTime();
        try (Progress bar = Progress.create(progress, "eval", "img", n)) {
            for (int i = 0; i < n; i++) {
                Sample sample = data.load(i);
                if (sample.mask() == null) {
                    throw new Seg4jException(sample.id() + ": no ground-truth mask to evaluate against");
                }
                LabelMask predicted = predictor.predict(sample.image());
                matrix.add(predicted, sample.mask());
                boundary.add(predicted, sample.mask());
                bar.step(i + 1);
            }
        }
        return new Result(matrix, boundary, n, Duration.ofNanos(System.nanoTime() - start));
    }

    private static void checkSameClasses(ClassMeta model, ClassMeta data) {
        if (!model.names().equals(data.names())) {
            throw new Seg4jException("the model predicts classes " + model.names()
                    + " but the data set defines " + data.names());
        }
    }
}
