package org.seg4j.opencv;

import java.util.Locale;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;
import org.opencv.video.Video;
import org.seg4j.Seg4jException;
import org.seg4j.data.RgbImage;
import org.seg4j.metric.video.FlowEstimator;
import org.seg4j.metric.video.FlowField;

/**
 * Dense optical flow by Gunnar Farneback's polynomial-expansion method, OpenCV's
 * {@code calcOpticalFlowFarneback}, on the grey levels of the two frames. The defaults are those of
 * OpenCV's optical-flow tutorial (pyramid scale 0.5, 3 levels, window 15, 3 iterations, polynomial
 * neighbourhood 5 with sigma 1.2, box window).
 *
 * <pre>
 * FlowEstimator flow = FarnebackFlow.builder().optWindowSize(21).build();
 * FlowField f = flow.estimate(frame, nextFrame);
 * </pre>
 *
 * <p>Thread-safe: every call allocates its own OpenCV matrices and releases them.
 */
public final class FarnebackFlow implements FlowEstimator {

    private final double pyramidScale;
    private final int levels;
    private final int windowSize;
    private final int iterations;
    private final int polyN;
    private final double polySigma;
    private final boolean gaussianWindow;

    private FarnebackFlow(Builder b) {
        this.pyramidScale = b.pyramidScale;
        this.levels = b.levels;
        this.windowSize = b.windowSize;
        this.iterations = b.iterations;
        this.polyN = b.polyN;
        this.polySigma = b.polySigma;
        this.gaussianWindow = b.gaussianWindow;
        OpenCvNative.load();
    }

    /** A builder with OpenCV's tutorial settings. */
    public static Builder builder() {
        return new Builder();
    }

    /** The estimator with the default settings. */
    public static FarnebackFlow defaults() {
        return builder().build();
    }

    @Override
    public FlowField estimate(RgbImage from, RgbImage to) {
        if (from.width() != to.width() || from.height() != to.height()) {
            throw new Seg4jException("optical flow: the frames differ in size (" + from.width() + "x" + from.height()
                    + " vs " + to.width() + "x" + to.height() + ")");
        }
        Mat a = grey(from);
        Mat b = grey(to);
        Mat flow = new Mat();
        try {
            Video.calcOpticalFlowFarneback(a, b, flow, pyramidScale, levels, windowSize, iterations, polyN, polySigma,
                    gaussianWindow ? Video.OPTFLOW_FARNEBACK_GAUSSIAN : 0);
            float[] data = new float[2 * from.width() * from.height()];
            flow.get(0, 0, data);
            return new FlowField(from.width(), from.height(), data);
        } catch (RuntimeException e) {
            throw new Seg4jException("optical flow (" + describe() + ") failed on " + from.width() + "x" + from.height()
                    + " frames: " + e.getMessage(), e);
        } finally {
            a.release();
            b.release();
            flow.release();
        }
    }

    private static Mat grey(RgbImage image) {
        Mat rgb = new Mat(image.height(), image.width(), CvType.CV_8UC3);
        Mat grey = new Mat();
        try {
            rgb.put(0, 0, image.data());
            Imgproc.cvtColor(rgb, grey, Imgproc.COLOR_RGB2GRAY);
            return grey;
        } finally {
            rgb.release();
        }
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "farneback(pyr_scale=%s, levels=%d, winsize=%d, iterations=%d, poly_n=%d, "
                + "poly_sigma=%s%s; OpenCV %s)", pyramidScale, levels, windowSize, iterations, polyN, polySigma,
                gaussianWindow ? ", gaussian" : "", OpenCvNative.version());
    }

    /** Settings of {@link FarnebackFlow}; every one is optional. */
    public static final class Builder {
        private double pyramidScale = 0.5;
        private int levels = 3;
        private int windowSize = 15;
        private int iterations = 3;
        private int polyN = 5;
        private double polySigma = 1.2;
        private boolean gaussianWindow;

        private Builder() {}

        /** Scale between pyramid levels, in (0, 1): 0.5 halves the size at each level. */
        public Builder optPyramidScale(double scale) {
            this.pyramidScale = scale;
            return this;
        }

        /** Pyramid levels above the original image (0: the original only); more follow larger motion. */
        public Builder optLevels(int levels) {
            this.levels = levels;
            return this;
        }

        /** Averaging window in pixels: larger is more robust to noise and blurs motion boundaries. */
        public Builder optWindowSize(int size) {
            this.windowSize = size;
            return this;
        }

        /** Iterations per pyramid level. */
        public Builder optIterations(int iterations) {
            this.iterations = iterations;
            return this;
        }

        /** Polynomial expansion neighbourhood, 5 or 7, and its Gaussian sigma (OpenCV suggests 1.1 and 1.5). */
        public Builder optPolynomial(int n, double sigma) {
            this.polyN = n;
            this.polySigma = sigma;
            return this;
        }

        /** A Gaussian instead of a box averaging window: more accurate, slower. */
        public Builder optGaussianWindow(boolean gaussian) {
            this.gaussianWindow = gaussian;
            return this;
        }

        /**
         * The estimator; loads OpenCV's native library on first use.
         *
         * @throws Seg4jException naming the setting that is out of range, or when OpenCV cannot load
         */
        public FarnebackFlow build() {
            if (!(pyramidScale > 0 && pyramidScale < 1)) {
                throw new Seg4jException("Farneback pyramid scale must be in (0, 1), got " + pyramidScale);
            }
            if (levels < 0) {
                throw new Seg4jException("Farneback levels must be >= 0, got " + levels);
            }
            if (windowSize < 3) {
                throw new Seg4jException("Farneback window size must be >= 3 pixels, got " + windowSize);
            }
            if (iterations < 1) {
                throw new Seg4jException("Farneback iterations must be >= 1, got " + iterations);
            }
            if (polyN != 5 && polyN != 7) {
                throw new Seg4jException("Farneback polynomial neighbourhood must be 5 or 7, got " + polyN);
            }
            if (!(polySigma > 0)) {
                throw new Seg4jException("Farneback polynomial sigma must be > 0, got " + polySigma);
            }
            return new FarnebackFlow(this);
        }
    }
}
