package org.seg4j;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.Probabilities;
import org.seg4j.infer.output.Renderings;

/**
 * The result of {@link Segmenter#segment}: the class of every pixel at the input's resolution,
 * per-class pixel shares and ready-made visualisations; with a segmenter built with
 * {@link Segmenter.Builder#optProbabilities optProbabilities(true)} also the class probabilities
 * and the confidence of every pixel.
 */
public final class SegmentationResult {

    /**
     * One class's part of the image.
     *
     * @param id class id
     * @param name class name
     * @param pixels number of pixels predicted as this class
     * @param share {@code pixels / total pixels}, 0..1
     */
    public record ClassShare(int id, String name, long pixels, double share) {}

    private final RgbImage image;
    private final LabelMask mask;
    private final ClassMeta classes;
    private final Duration elapsed;
    private final List<ClassShare> shares;
    private final Probabilities probabilities;
    private volatile float[] confidence;

    /** A result without probabilities. */
    public SegmentationResult(RgbImage image, LabelMask mask, ClassMeta classes, Duration elapsed) {
        this(image, mask, classes, elapsed, null);
    }

    /**
     * A result with the class probabilities the mask was taken from ({@code null}: none).
     *
     * @param probabilities {@code classes x H x W} at the image's resolution
     */
    public SegmentationResult(RgbImage image, LabelMask mask, ClassMeta classes, Duration elapsed,
            Probabilities probabilities) {
        if (image.width() != mask.width() || image.height() != mask.height()) {
            throw new IllegalArgumentException("mask size differs from image size");
        }
        if (probabilities != null && (probabilities.width() != image.width()
                || probabilities.height() != image.height() || probabilities.numClasses() != classes.numClasses())) {
            throw new IllegalArgumentException("probabilities are " + probabilities.numClasses() + "x"
                    + probabilities.height() + "x" + probabilities.width() + " but the image has "
                    + classes.numClasses() + " classes and is " + image.height() + "x" + image.width());
        }
        this.probabilities = probabilities;
        this.image = image;
        this.mask = mask;
        this.classes = classes;
        this.elapsed = elapsed;
        long[] counts = new long[classes.numClasses()];
        for (byte b : mask.data()) {
            int id = b & 0xFF;
            if (id < counts.length) {
                counts[id]++;
            }
        }
        double total = (double) mask.width() * mask.height();
        List<ClassShare> list = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            list.add(new ClassShare(c, classes.name(c), counts[c], counts[c] / total));
        }
        this.shares = Collections.unmodifiableList(list);
    }

    /** The input image. */
    public RgbImage image() {
        return image;
    }

    /** The class id of every pixel, same size as the input. */
    public LabelMask mask() {
        return mask;
    }

    /** The model's classes. */
    public ClassMeta classes() {
        return classes;
    }

    /** Time taken by the segmentation (model work, not image conversion before the call). */
    public Duration elapsed() {
        return elapsed;
    }

    /** Whether the result holds class probabilities ({@link #probabilities()}, {@link #confidence()}). */
    public boolean hasProbabilities() {
        return probabilities != null;
    }

    /**
     * Class probabilities at the input's resolution: {@code probabilities().get(c, x, y)}. The mask
     * is their argmax.
     *
     * @throws IllegalStateException when the segmenter was not asked for probabilities
     */
    public Probabilities probabilities() {
        return requireProbabilities();
    }

    /**
     * The confidence of every pixel: the probability of its predicted class (the largest class
     * probability), row-major, {@code confidence()[y * width + x]}, in {@code (0, 1]}.
     *
     * @throws IllegalStateException when the segmenter was not asked for probabilities
     */
    public float[] confidence() {
        float[] c = confidence;
        if (c == null) {
            c = maxOverClasses(requireProbabilities());
            confidence = c;
        }
        return c.clone();
    }

    /** The confidence of pixel (x, y); see {@link #confidence()}. */
    public float confidence(int x, int y) {
        Probabilities p = requireProbabilities();
        float best = p.get(0, x, y);
        for (int c = 1; c < p.numClasses(); c++) {
            best = Math.max(best, p.get(c, x, y));
        }
        return best;
    }

    private Probabilities requireProbabilities() {
        if (probabilities == null) {
            throw new IllegalStateException("this result has no probabilities: build the Segmenter with "
                    + "optProbabilities(true) to get probabilities() and confidence()");
        }
        return probabilities;
    }

    private static float[] maxOverClasses(Probabilities p) {
        int plane = p.width() * p.height();
        float[] d = p.data();
        float[] best = java.util.Arrays.copyOf(d, plane);
        for (int c = 1; c < p.numClasses(); c++) {
            for (int i = 0; i < plane; i++) {
                best[i] = Math.max(best[i], d[c * plane + i]);
            }
        }
        return best;
    }

    /** Pixel share of every class, in class order (the shares sum to 1). */
    public List<ClassShare> classShares() {
        return shares;
    }

    /** Pixel share by class name, in class order. */
    public Map<String, Double> shares() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (ClassShare s : shares) {
            out.put(s.name(), s.share());
        }
        return Collections.unmodifiableMap(out);
    }

    /** Pixel share of the named class (case-insensitive). */
    public double share(String className) {
        int id = classes.idOf(className);
        if (id < 0) {
            throw new Seg4jException("unknown class '" + className + "'; classes: " + String.join(", ", classes.names()));
        }
        return shares.get(id).share();
    }

    /** 8-bit gray image of class ids. */
    public BufferedImage indexMask() {
        return Renderings.indexMask(mask);
    }

    /** Every pixel in its class's colour. */
    public BufferedImage colorMask() {
        return Renderings.colorMask(mask, classes.palette());
    }

    /** The input blended with the colour mask; {@code alpha} is the mask's opacity (0..1, 0.5 is typical). */
    public BufferedImage overlay(double alpha) {
        return Renderings.overlay(image, mask, classes.palette(), alpha);
    }

    /**
     * Background removal: an RGBA copy of the input that is transparent wherever the predicted
     * class is not one of {@code foregroundClasses} (names, case-insensitive). An empty set means
     * every class except {@code background} (or class 0). With probabilities ({@link
     * Segmenter.Builder#optProbabilities}) the alpha is soft: {@code 255 x} the foreground
     * classes' summed probability.
     */
    public BufferedImage cutout(Collection<String> foregroundClasses) {
        boolean[] foreground = Renderings.foreground(classes, foregroundClasses);
        return probabilities != null ? Renderings.softCutout(image, probabilities, foreground)
                : Renderings.cutout(image, mask, foreground);
    }
}
