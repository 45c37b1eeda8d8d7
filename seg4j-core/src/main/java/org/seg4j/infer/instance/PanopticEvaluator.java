package org.seg4j.infer.instance;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Function;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.data.Sample;
import org.seg4j.data.instance.InstanceSamples;
import org.seg4j.data.instance.PanopticAnnotation;
import org.seg4j.metric.ConfusionMatrix;
import org.seg4j.metric.instance.ForegroundRestrictedMean;
import org.seg4j.metric.instance.MaskAp;
import org.seg4j.metric.instance.MaskApResult;
import org.seg4j.metric.panoptic.PanopticQuality;
import org.seg4j.metric.panoptic.PanopticResult;
import org.seg4j.util.Progress;

/**
 * Scores a {@link PanopticPredictor} (or any source of {@link PanopticPrediction}s, such as a
 * semantic model with {@link ComponentInstances}) on labelled samples with instance annotations, at full
 * resolution, accumulating per image and computing once: panoptic quality ({@link
 * PanopticQuality}, as panopticapi), COCO mask AP of the thing instances ({@link MaskAp}, as
 * pycocotools, each instance's score its centre's heat-map value) and the semantic confusion
 * matrix of the semantic head; on request also the ISBI 2012 Rand and information scores of the
 * thing instances ({@link ForegroundRestrictedMean}).
 */
public final class PanopticEvaluator {

    /**
     * What an evaluation measured.
     *
     * @param pq panoptic quality per class and averaged over things, stuff and all
     * @param ap mask AP of the thing classes
     * @param semantic confusion matrix of the semantic map (void pixels skipped)
     * @param rand the ISBI 2012 scores of the thing instances, {@code null} unless asked for
     * @param images images scored
     * @param elapsed wall time of prediction and scoring
     */
    public record Result(PanopticResult pq, MaskApResult ap, ConfusionMatrix semantic, ForegroundRestrictedMean rand,
            int images, Duration elapsed) {

        /** Images per second over the whole evaluation. */
        public double imagesPerSecond() {
            double s = elapsed.toNanos() / 1e9;
            return s > 0 ? images / s : 0;
        }
    }

    private PanopticEvaluator() {}

    /**
     * Predicts and scores every sample.
     *
     * @param progress where the progress bar goes; {@code null} for none
     */
    public static Result evaluate(PanopticPredictor predictor, InstanceSamples samples, PrintStream progress) {
        return evaluate(predictor::predict, samples, false, progress);
    }

    /**
     * Predicts and scores every sample.
     *
     * @param model the semantic map and instances of an image
     * @param randScores also compute the ISBI 2012 scores of the thing instances
     * @param progress where the progress bar goes; {@code null} for none
     */
    public static Result evaluate(Function<RgbImage, PanopticPrediction> model, InstanceSamples samples,
            boolean randScores, PrintStream progress) {
        PanopticQuality pq = new PanopticQuality(samples.classes());
        MaskAp ap = new MaskAp(samples.classes());
        ConfusionMatrix cm = new ConfusionMatrix(samples.classes().numClasses());
        ForegroundRestrictedMean rand = randScores ? new ForegroundRestrictedMean() : null;
        long start = System.nanoTime();
        try (Progress bar = Progress.create(progress, "eval", "img", samples.size())) {
            for (int i = 0; i < samples.size(); i++) {
                Sample s = samples.load(i);
                PanopticPrediction p = model.apply(s.image());
                PanopticAnnotation gt = s.instances();
                pq.add(gt, p.segmentation().panoptic());
                ap.add(gt, p.segmentation().detections());
                if (rand != null) {
                    rand.add(gt, samples.classes(), p.segmentation().instanceIds());
                }
                LabelMask truth = s.mask();
                cm.add(p.semantic(), truth);
                bar.step(i + 1);
            }
        }
        return new Result(pq.result(), ap.result(), cm, rand, samples.size(),
                Duration.ofNanos(System.nanoTime() - start));
    }
}
