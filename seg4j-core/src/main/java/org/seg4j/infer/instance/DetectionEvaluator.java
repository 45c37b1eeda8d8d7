package org.seg4j.infer.instance;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.seg4j.data.RgbImage;
import org.seg4j.data.Sample;
import org.seg4j.data.instance.InstanceSamples;
import org.seg4j.metric.instance.ForegroundRestrictedMean;
import org.seg4j.metric.instance.MaskAp;
import org.seg4j.metric.instance.MaskApResult;
import org.seg4j.util.Progress;

/**
 * Scores a detector (such as {@link MaskRcnnPredictor}) on labelled samples with instance
 * annotations at full resolution: COCO mask AP of the thing instances ({@link MaskAp}, as
 * pycocotools), accumulated per image and computed once; on request also the ISBI 2012 Rand and
 * information scores ({@link ForegroundRestrictedMean}) of the instance map in which a pixel
 * claimed by several masks keeps the best-scoring one ({@link DetectionWriter#instanceIds}).
 */
public final class DetectionEvaluator {

    /**
     * What an evaluation measured.
     *
     * @param ap mask AP of the thing classes
     * @param images images scored
     * @param detections instances predicted over all images
     * @param rand the ISBI 2012 scores, {@code null} unless asked for
     * @param elapsed wall time of prediction and scoring
     */
    public record Result(MaskApResult ap, int images, long detections, ForegroundRestrictedMean rand,
            Duration elapsed) {

        /** Images per second over the whole evaluation. */
        public double imagesPerSecond() {
            double s = elapsed.toNanos() / 1e9;
            return s > 0 ? images / s : 0;
        }
    }

    private DetectionEvaluator() {}

    /**
     * Predicts and scores every sample.
     *
     * @param detector the instances of an image, best first
     * @param progress where the progress display goes; {@code null} for none
     */
    public static Result evaluate(Function<RgbImage, List<DetectedInstance>> detector, InstanceSamples samples,
            PrintStream progress) {
        return evaluate(detector, samples, false, progress);
    }

    /**
     * Predicts and scores every sample.
     *
     * @param detector the instances of an image, best first
     * @param randScores also compute the ISBI 2012 scores of the instances
     * @param progress where the progress display goes; {@code null} for none
     */
    public static Result evaluate(Function<RgbImage, List<DetectedInstance>> detector, InstanceSamples samples,
            boolean randScores, PrintStream progress) {
        MaskAp ap = new MaskAp(samples.classes());
        ForegroundRestrictedMean rand = randScores ? new ForegroundRestrictedMean() : null;
        long count = 0;
        long start = System.nanoTime();
        try (Progress bar = Progress.create(progress, "eval", "img", samples.size())) {
            for (int i = 0; i < samples.size(); i++) {
                Sample s = samples.load(i);
                List<DetectedInstance> found = detector.apply(s.image());
                ap.add(s.instances(), found.stream().map(DetectedInstance::toDetection).toList());
                if (rand != null) {
                    rand.add(s.instances(), samples.classes(),
                            DetectionWriter.instanceIds(found, s.image().width(), s.image().height()));
                }
                count += found.size();
                bar.step(i + 1);
            }
        }
        return new Result(ap.result(), samples.size(), count, rand, Duration.ofNanos(System.nanoTime() - start));
    }
}
