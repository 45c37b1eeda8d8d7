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
import org.seg4j.infer.output.Renderings;

/**
 * The result of {@link Segmenter#segment}: the class of every pixel at the input's resolution,
 * per-class pixel shares and ready-made visualisations.
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

    public SegmentationResult(RgbImage image, LabelMask mask, ClassMeta classes, Duration elapsed) {
        if (image.width() != mask.width() || image.height() != mask.height()) {
            throw new IllegalArgumentException("mask size differs from image size");
        }
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
     * every class except {@code background} (or class 0).
     */
    public BufferedImage cutout(Collection<String> foregroundClasses) {
        return Renderings.cutout(image, mask, Renderings.foreground(classes, foregroundClasses));
    }
}
