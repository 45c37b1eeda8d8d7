package org.seg4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.seg4j.Seg4jException;

/**
 * Pixel and image counts per class over a set of masks, and the class weights derived from them.
 *
 * <p>Definitions, for class {@code c}:
 *
 * <ul>
 *   <li>{@code pixelShare(c)}: pixels of {@code c} / all labelled (non-void) pixels;
 *   <li>{@code imageShare(c)}: fraction of the images with at least one pixel of {@code c};
 *   <li>{@code frequency(c)}: pixels of {@code c} / all pixels (void included) of the images in
 *       which {@code c} is present, the frequency of median-frequency balancing.
 * </ul>
 *
 * <p>Weights of classes that never occur are 0, so they neither help nor hurt the loss.
 */
public final class ClassStatistics {

    /** Default share of void pixels above which {@link #warnings} speaks up. */
    public static final double DEFAULT_MAX_VOID = 0.5;

    private final ClassMeta classes;
    private final Counts counts;

    private ClassStatistics(ClassMeta classes, Counts counts) {
        this.classes = classes;
        this.counts = counts;
    }

    /** Counts the masks of every sample of {@code source}, in parallel. */
    public static ClassStatistics of(SampleSource source) {
        int n = source.classes().numClasses();
        Counts total = IntStream.range(0, source.size())
                .parallel()
                .mapToObj(i -> Counts.of(mask(source, i), n, source.id(i)))
                .reduce(new Counts(n), Counts::merge);
        return new ClassStatistics(source.classes(), total);
    }

    /** Counts the given masks (labels as read: class ids or {@link LabelMask#IGNORE}). */
    public static ClassStatistics of(List<LabelMask> masks, ClassMeta classes) {
        int n = classes.numClasses();
        Counts total = new Counts(n);
        for (int i = 0; i < masks.size(); i++) {
            total = total.merge(Counts.of(masks.get(i), n, "mask " + i));
        }
        return new ClassStatistics(classes, total);
    }

    /**
     * Collects the statistics of masks added one at a time, from any thread (during a validation
     * pass, say, so that the masks are read once).
     */
    public static final class Accumulator {
        private final ClassMeta classes;
        private Counts total;

        public Accumulator(ClassMeta classes) {
            this.classes = classes;
            this.total = new Counts(classes.numClasses());
        }

        /** Counts one mask; {@code id} names it in errors. */
        public void add(LabelMask mask, String id) {
            Counts c = Counts.of(mask, classes.numClasses(), id);
            synchronized (this) {
                total = total.merge(c);
            }
        }

        /** The statistics of the masks added so far. */
        public synchronized ClassStatistics result() {
            return new ClassStatistics(classes, total);
        }
    }

    private static LabelMask mask(SampleSource source, int i) {
        LabelMask mask = source.loadMask(i);
        if (mask == null) {
            throw new Seg4jException(source.id(i) + ": sample has no mask; class statistics need ground truth");
        }
        return mask;
    }

    /**
     * Statistics from counts gathered elsewhere (the parts of a distributed job, summed); the
     * arguments are what {@link #pixelCounts()}, {@link #presentPixelTotals()},
     * {@link #imageCounts()}, {@link #images()}, {@link #totalPixels()} and {@link #voidPixels()}
     * return.
     */
    public static ClassStatistics ofCounts(ClassMeta classes, long[] pixels, long[] presentTotals, int[] imageCounts,
            int images, long totalPixels, long voidPixels) {
        int n = classes.numClasses();
        if (pixels.length != n || presentTotals.length != n || imageCounts.length != n) {
            throw new IllegalArgumentException("counts for " + pixels.length + " classes, the class list has " + n);
        }
        Counts c = new Counts(n);
        System.arraycopy(pixels, 0, c.pixels, 0, n);
        System.arraycopy(presentTotals, 0, c.presentTotal, 0, n);
        System.arraycopy(imageCounts, 0, c.imagesWith, 0, n);
        c.images = images;
        c.total = totalPixels;
        c.voids = voidPixels;
        return new ClassStatistics(classes, c);
    }

    /** The class list. */
    public ClassMeta classes() {
        return classes;
    }

    /** Number of masks counted. */
    public int images() {
        return counts.images;
    }

    /** All pixels counted, void included. */
    public long totalPixels() {
        return counts.total;
    }

    /** Void pixels. */
    public long voidPixels() {
        return counts.voids;
    }

    /** Pixels with a class label. */
    public long labelledPixels() {
        return counts.total - counts.voids;
    }

    /** Pixel count per class, indexed by class id. */
    public long[] pixelCounts() {
        return counts.pixels.clone();
    }

    /** Per class, the pixels (void included) of the images that contain it: the denominator of {@link #frequency}. */
    public long[] presentPixelTotals() {
        return counts.presentTotal.clone();
    }

    /** Number of images containing each class. */
    public int[] imageCounts() {
        return counts.imagesWith.clone();
    }

    /** Share of the labelled pixels that belong to {@code c}. */
    public double pixelShare(int c) {
        return labelledPixels() == 0 ? 0 : (double) counts.pixels[c] / labelledPixels();
    }

    /** Fraction of images that contain {@code c}. */
    public double imageShare(int c) {
        return counts.images == 0 ? 0 : (double) counts.imagesWith[c] / counts.images;
    }

    /** Median-frequency balancing's frequency of {@code c} (see the class comment); 0 if absent. */
    public double frequency(int c) {
        return counts.presentTotal[c] == 0 ? 0 : (double) counts.pixels[c] / counts.presentTotal[c];
    }

    /** Weights by the chosen method, indexed by class id. */
    public float[] weights(ClassWeighting weighting) {
        return switch (weighting) {
            case NONE -> filled(1f);
            case MEDIAN_FREQUENCY -> medianFrequencyWeights();
            case INVERSE_SQRT -> inverseSqrtWeights();
        };
    }

    /** {@code median(freq) / freq(c)}, the median taken over the classes present; absent classes 0. */
    public float[] medianFrequencyWeights() {
        int n = classes.numClasses();
        double[] present = IntStream.range(0, n).filter(c -> counts.pixels[c] > 0).mapToDouble(this::frequency)
                .sorted().toArray();
        float[] w = new float[n];
        if (present.length == 0) {
            return w;
        }
        int m = present.length / 2;
        double median = present.length % 2 == 1 ? present[m] : (present[m - 1] + present[m]) / 2;
        for (int c = 0; c < n; c++) {
            w[c] = counts.pixels[c] == 0 ? 0f : (float) (median / frequency(c));
        }
        return w;
    }

    /** {@code 1 / sqrt(pixelShare(c))}, scaled so that the present classes average 1; absent classes 0. */
    public float[] inverseSqrtWeights() {
        int n = classes.numClasses();
        double[] raw = new double[n];
        double sum = 0;
        int present = 0;
        for (int c = 0; c < n; c++) {
            if (counts.pixels[c] > 0) {
                raw[c] = 1 / Math.sqrt(pixelShare(c));
                sum += raw[c];
                present++;
            }
        }
        float[] w = new float[n];
        for (int c = 0; c < n; c++) {
            w[c] = present == 0 ? 0f : (float) (raw[c] * present / sum);
        }
        return w;
    }

    /**
     * What suggests that the masks are misread or unusable: a declared class with no pixel, void
     * over {@code maxVoid} of the pixels. When the class list has no {@code values} map, the last
     * warning ends with a hint on mapping stored values (0/255 binary masks read as class 0 and void).
     *
     * @param maxVoid share of void pixels (0..1) above which to warn
     */
    public List<String> warnings(double maxVoid) {
        List<String> out = new ArrayList<>();
        if (counts.images == 0) {
            return out;
        }
        String masks = counts.images == 1 ? "the 1 mask" : "the " + counts.images + " masks";
        for (int c = 0; c < classes.numClasses(); c++) {
            if (counts.pixels[c] == 0) {
                out.add("class " + classes.name(c) + " (id " + c + ") has no pixels in " + masks);
            }
        }
        double voidShare = counts.total == 0 ? 0 : (double) counts.voids / counts.total;
        if (voidShare > maxVoid) {
            out.add(String.format(Locale.ROOT, "%.1f%% of the pixels of %s are void (more than %.0f%%)",
                    100 * voidShare, masks, 100 * maxVoid));
        }
        if (!out.isEmpty() && classes.values().isEmpty()) {
            int last = out.size() - 1;
            out.set(last, out.get(last) + "; masks are read as " + classes.describeValues()
                    + ": if they store other values (0/255 binary masks, say), map them in "
                    + ClassMeta.FILE_NAME + " with " + classes.valuesHint());
        }
        return out;
    }

    /** A text table: class, pixels, pixel share, image share, both weights. */
    public String table() {
        float[] mf = medianFrequencyWeights();
        float[] is = inverseSqrtWeights();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-3s %-16s %14s %8s %8s %9s %9s%n",
                "id", "class", "pixels", "pixels%", "images%", "w-medfreq", "w-invsqrt"));
        for (int c = 0; c < classes.numClasses(); c++) {
            sb.append(String.format(Locale.ROOT, "%-3d %-16s %14d %7.2f%% %7.1f%% %9.3f %9.3f%n", c, classes.name(c),
                    counts.pixels[c], 100 * pixelShare(c), 100 * imageShare(c), mf[c], is[c]));
        }
        sb.append(String.format(Locale.ROOT, "%d images, %d pixels, %.2f%% void", counts.images, counts.total,
                counts.total == 0 ? 0 : 100.0 * counts.voids / counts.total));
        return sb.toString();
    }

    private float[] filled(float value) {
        float[] w = new float[classes.numClasses()];
        Arrays.fill(w, value);
        return w;
    }

    /** Mergeable counters; one per mask, then reduced. */
    private static final class Counts {
        final long[] pixels;
        final long[] presentTotal;
        final int[] imagesWith;
        int images;
        long total;
        long voids;

        Counts(int n) {
            pixels = new long[n];
            presentTotal = new long[n];
            imagesWith = new int[n];
        }

        static Counts of(LabelMask mask, int n, String id) {
            int[] hist = new int[256];
            for (byte b : mask.data()) {
                hist[b & 0xFF]++;
            }
            Counts c = new Counts(n);
            c.images = 1;
            c.total = mask.data().length;
            c.voids = hist[LabelMask.IGNORE];
            for (int v = n; v < LabelMask.IGNORE; v++) {
                if (hist[v] > 0) {
                    throw new Seg4jException(id + ": mask holds label " + v + ", outside the class list 0.." + (n - 1));
                }
            }
            for (int k = 0; k < n; k++) {
                if (hist[k] > 0) {
                    c.pixels[k] = hist[k];
                    c.presentTotal[k] = c.total;
                    c.imagesWith[k] = 1;
                }
            }
            return c;
        }

        Counts merge(Counts o) {
            Counts c = new Counts(pixels.length);
            for (int k = 0; k < pixels.length; k++) {
                c.pixels[k] = pixels[k] + o.pixels[k];
                c.presentTotal[k] = presentTotal[k] + o.presentTotal[k];
                c.imagesWith[k] = imagesWith[k] + o.imagesWith[k];
            }
            c.images = images + o.images;
            c.total = total + o.total;
            c.voids = voids + o.voids;
            return c;
        }
    }
}
