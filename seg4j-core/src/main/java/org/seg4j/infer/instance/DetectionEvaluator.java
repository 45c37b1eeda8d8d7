package org.seg4j.infer.instance;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.seg4j.data.RgbImage;
import org.seg4j.data.Sample;
import org.seg4j.data.instance.InstanceSamples;
import org.seg4j.metric.instance.MaskAp;
import org.seg4j.metric.instance.MaskApResult;
import org.seg4j.util.Progress;

/**
 * Scores a detector (such as {@link MaskRcnnPredictor}) on labelled samples with instance
 * annotations at full resolution: COCO mask AP of the thing instances ({@link MaskAp}, as
 * pycocotools), accumulated per image and computed once.
 */
public final class DetectionEvaluator {

    /**
     * What an evaluation measured.
     *
     * @param ap mask AP of the thing classes
     * @param images images scored
     * @param detections instances predicted over all images
     * @param elapsed wall time of prediction and scoring
     */
    public record Result(MaskApResult ap, int images, long detections, Duration elapsed) {

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
        MaskAp ap = new MaskAp(samples.classes());
        long count = 0;
        long start = System.nanoTime();
        try (Progress bar = Progress.create(progress, "eval", "img", samples.size())) {
            for (int i = 0; i < samples.size(); i++) {
                Sample s = samples.load(i);
                List<DetectedInstance> found = detector.apply(s.image());
                ap.add(s.instances(), found.stream().map(DetectedInstance::toDetection).toList());
                count += found.size();
                bar.step(i + 1);
            }
        }
        return new Result(ap.result(), samples.size(), count, Duration.ofNanos(System.nanoTime() - start));
    }
}
