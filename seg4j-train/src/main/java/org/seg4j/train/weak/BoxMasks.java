package org.seg4j.train.weak;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.seg4j.Seg4jException;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.data.boxes.Box;

/**
 * Masks from boxes, the two halves of box supervision.
 *
 * <p>{@link #initial}: boxes are filled from the largest to the smallest, so a small box drawn on
 * a larger one (a car on the road) wins where they overlap. With a refiner, only the pixels the
 * refiner accepts take the box's class; the others keep what lies beneath (the larger box), or
 * stay void. Pixels outside every box are void ({@link LabelMask#IGNORE}): boxes say nothing about
 * them, and a data set whose boxes come from complete masks has only void pixels there.
 *
 * <p>{@link #constrain}: a predicted mask is kept where the predicted class has a box covering the
 * pixel; elsewhere inside boxes the previous label stays, and outside all boxes the pixel is void.
 */
public final class BoxMasks {

    private BoxMasks() {}

    /**
     * The initial mask of one image.
     *
     * @param refiner the colour test inside boxes, or {@code null} for plain box filling
     */
    public static LabelMask initial(RgbImage image, List<Box> boxes, ColourBoxRefiner refiner) {
        int w = image.width();
        LabelMask mask = LabelMask.filled(w, image.height(), LabelMask.IGNORE);
        List<Box> order = new ArrayList<>(boxes);
        order.sort(Comparator.comparingLong(Box::area).reversed());
        byte[] d = mask.data();
        for (Box b : order) {
            checkInside(b, w, image.height());
            boolean[] keep = refiner == null ? null : refiner.foreground(image, b);
            for (int y = b.y0(); y < b.y1(); y++) {
                for (int x = b.x0(); x < b.x1(); x++) {
                    if (keep == null || keep[(y - b.y0()) * b.width() + (x - b.x0())]) {
                        d[y * w + x] = (byte) b.classId();
                    }
                }
            }
        }
        return mask;
    }

    /**
     * A prediction constrained to the boxes (see the class comment).
     *
     * @param previous the labels used where the prediction disagrees with the boxes
     * @param numClasses number of classes (at most 64)
     */
    public static LabelMask constrain(LabelMask prediction, LabelMask previous, List<Box> boxes, int numClasses) {
        int w = prediction.width();
        int h = prediction.height();
        if (previous.width() != w || previous.height() != h) {
            throw new IllegalArgumentException("prediction " + w + "x" + h + " and previous mask "
                    + previous.width() + "x" + previous.height() + " differ in size");
        }
        if (numClasses > 64) {
            throw new Seg4jException("box supervision supports at most 64 classes, got " + numClasses);
        }
        long[] allowed = new long[w * h];
        for (Box b : boxes) {
            checkInside(b, w, h);
            long bit = 1L << b.classId();
            for (int y = b.y0(); y < b.y1(); y++) {
                for (int x = b.x0(); x < b.x1(); x++) {
                    allowed[y * w + x] |= bit;
                }
            }
        }
        byte[] out = new byte[w * h];
        byte[] p = prediction.data();
        byte[] prev = previous.data();
        for (int i = 0; i < out.length; i++) {
            int c = p[i] & 0xFF;
            if (allowed[i] == 0) {
                out[i] = (byte) LabelMask.IGNORE;
            } else if (c < numClasses && (allowed[i] & (1L << c)) != 0) {
                out[i] = (byte) c;
            } else {
                out[i] = prev[i];
            }
        }
        return new LabelMask(w, h, out);
    }

    /** Share of the pixels that have a class (not void). */
    public static double labelledShare(LabelMask mask) {
        long n = 0;
        for (byte b : mask.data()) {
            n += (b & 0xFF) == LabelMask.IGNORE ? 0 : 1;
        }
        return (double) n / mask.data().length;
    }

    private static void checkInside(Box b, int w, int h) {
        if (b.x1() > w || b.y1() > h) {
            throw new Seg4jException("box [" + b.x0() + ", " + b.y0() + ", " + b.x1() + ", " + b.y1()
                    + "] lies outside the " + w + "x" + h + " image");
        }
    }
}
