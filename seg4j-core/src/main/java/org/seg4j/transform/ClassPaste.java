package org.seg4j.transform;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.seg4j.Seg4jException;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.data.Sample;

/**
 * Copy-paste between two samples of a batch: the pixels of some classes of a donor sample (image
 * and label together) are laid over a target sample of the same size, where they hide what was
 * there. With a class list, the donor's pixels of those classes are pasted (copy-paste of rare
 * classes, Ghiasi et al., CVPR 2021); without one, a random half of the classes present in the
 * donor, rounded up (ClassMix, Olsson et al., WACV 2021). Void pixels are never pasted.
 *
 * <p>The donor keeps its position: training crops of road scenes share a viewpoint, so a pole or
 * a pedestrian lands where such objects stand, at the scale of the donor's crop.
 *
 * <p>Semantic samples only: a target with an instance annotation is refused, since pasted pixels
 * would cover instances without updating it.
 */
public final class ClassPaste {

    private final double probability;
    private final int[] classes;
    /** Flags by class id of the listed classes; {@code null} without a list. */
    private final boolean[] listed;

    private ClassPaste(Builder b) {
        this.probability = b.probability;
        this.classes = b.classes;
        if (classes.length == 0) {
            this.listed = null;
        } else {
            this.listed = new boolean[LabelMask.IGNORE];
            for (int c : classes) {
                listed[c] = true;
            }
        }
    }

    /** A builder; {@link Builder#setProbability} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Chance that a target receives a paste. */
    public double probability() {
        return probability;
    }

    /** The pasted class ids, ascending; empty for ClassMix's random half. */
    public int[] classes() {
        return classes.clone();
    }

    /**
     * The target with the donor's pixels of the chosen classes laid over it, with probability
     * {@link #probability()}; otherwise the target itself.
     *
     * @throws Seg4jException if either sample lacks a mask, the sizes differ or the target has an
     *     instance annotation
     */
    public Sample apply(Sample target, Sample donor, RandomGenerator rng) {
        check(target, donor);
        if (rng.nextDouble() >= probability) {
            return target;
        }
        boolean[] pasted = chosen(donor.mask(), rng);
        byte[] dm = donor.mask().data();
        byte[] di = donor.image().data();
        byte[] mask = target.mask().data().clone();
        byte[] image = target.image().data().clone();
        boolean changed = false;
        for (int p = 0; p < dm.length; p++) {
            int c = dm[p] & 0xFF;
            if (c < pasted.length && pasted[c]) {
                mask[p] = dm[p];
                System.arraycopy(di, 3 * p, image, 3 * p, 3);
                changed = true;
            }
        }
        if (!changed) {
            return target;
        }
        int w = target.image().width();
        int h = target.image().height();
        return target.with(new RgbImage(w, h, image), new LabelMask(w, h, mask));
    }

    /** Flags, by class id, of the classes to paste from this donor (not to be modified). */
    private boolean[] chosen(LabelMask donor, RandomGenerator rng) {
        if (listed != null) {
            return listed;
        }
        boolean[] out = new boolean[LabelMask.IGNORE];
        boolean[] present = new boolean[LabelMask.IGNORE];
        int n = 0;
        for (byte b : donor.data()) {
            int c = b & 0xFF;
            if (c != LabelMask.IGNORE && !present[c]) {
                present[c] = true;
                n++;
            }
        }
        int[] ids = new int[n];
        for (int c = 0, k = 0; c < present.length; c++) {
            if (present[c]) {
                ids[k++] = c;
            }
        }
        // a partial Fisher-Yates shuffle picks ceil(n / 2) of them
        int take = (n + 1) / 2;
        for (int i = 0; i < take; i++) {
            int j = i + rng.nextInt(n - i);
            int t = ids[i];
            ids[i] = ids[j];
            ids[j] = t;
            out[ids[i]] = true;
        }
        return out;
    }

    private static void check(Sample target, Sample donor) {
        if (target.mask() == null || donor.mask() == null) {
            throw new Seg4jException("ClassPaste: sample " + (target.mask() == null ? target.id() : donor.id())
                    + " has no mask; copy-paste needs labelled samples");
        }
        if (target.instances() != null) {
            throw new Seg4jException("ClassPaste: sample " + target.id()
                    + " has an instance annotation, which pasted pixels would hide;"
                    + " copy-paste is for semantic samples");
        }
        RgbImage t = target.image();
        RgbImage d = donor.image();
        if (t.width() != d.width() || t.height() != d.height()) {
            throw new Seg4jException("ClassPaste: donor " + donor.id() + " is " + d.width() + "x" + d.height()
                    + " but target " + target.id() + " is " + t.width() + "x" + t.height()
                    + "; paste after a crop or resize that gives every sample one size");
        }
    }

    /** Configuration of a {@link ClassPaste}: {@code set*} required, {@code opt*} optional. */
    public static final class Builder {

        private double probability = Double.NaN;
        private int[] classes = new int[0];

        private Builder() {}

        /** Chance in [0, 1] that a target receives a paste (required). */
        public Builder setProbability(double probability) {
            this.probability = probability;
            return this;
        }

        /**
         * Class ids (0-254) whose donor pixels are pasted; none (the default) pastes a random half
         * of the donor's classes (ClassMix).
         */
        public Builder optClasses(int... classes) {
            this.classes = classes.clone();
            return this;
        }

        /** Validates the settings. */
        public ClassPaste build() {
            if (Double.isNaN(probability)) {
                throw new IllegalArgumentException("ClassPaste needs a probability (setProbability)");
            }
            Checks.range("ClassPaste", "probability", probability, 0, 1);
            for (int c : classes) {
                if (c < 0 || c >= LabelMask.IGNORE) {
                    throw new Seg4jException("ClassPaste: class id " + c + " is not in 0.." + (LabelMask.IGNORE - 1));
                }
            }
            classes = Arrays.stream(classes).distinct().sorted().toArray();
            return new ClassPaste(this);
        }
    }
}
