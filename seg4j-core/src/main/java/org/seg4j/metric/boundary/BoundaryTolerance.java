package org.seg4j.metric.boundary;

import java.util.Locale;

/**
 * How far (Euclidean, in pixels) a predicted boundary pixel may lie from a true one and still count
 * as matched: either a fixed number of pixels or a fraction of the image diagonal, rounded up
 * (DAVIS's {@code bound_th}: {@code ceil(0.008 * diagonal)}, 5 pixels on a 480x360 image).
 *
 * @param pixels the fixed tolerance, or 0 when {@code fraction} is used
 * @param fraction the fraction of the diagonal, or 0 when {@code pixels} is used
 */
public record BoundaryTolerance(int pixels, double fraction) {

    /** DAVIS's default fraction of the image diagonal. */
    public static final double DAVIS_FRACTION = 0.008;

    /** The default: {@value #DAVIS_FRACTION} of the image diagonal, as in DAVIS. */
    public static final BoundaryTolerance DEFAULT = ofDiagonal(DAVIS_FRACTION);

    public BoundaryTolerance {
        if ((pixels > 0) == (fraction > 0) || pixels < 0 || !(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("a boundary tolerance is either a positive pixel count or a fraction of"
                    + " the diagonal in (0, 1), got pixels=" + pixels + ", fraction=" + fraction);
        }
    }

    /** A fixed tolerance of {@code pixels} pixels (at least 1). */
    public static BoundaryTolerance ofPixels(int pixels) {
        return new BoundaryTolerance(pixels, 0);
    }

    /** A tolerance of {@code fraction} of the image diagonal, rounded up to whole pixels. */
    public static BoundaryTolerance ofDiagonal(double fraction) {
        return new BoundaryTolerance(0, fraction);
    }

    /** The tolerance in pixels for an image of the given size (at least 1). */
    public int pixelsFor(int width, int height) {
        if (pixels > 0) {
            return pixels;
        }
        return Math.max(1, (int) Math.ceil(fraction * Math.hypot(width, height)));
    }

    /** A short description for reports, e.g. {@code 2 px} or {@code 0.8% of the diagonal}. */
    public String describe() {
        return pixels > 0 ? pixels + " px"
                : String.format(Locale.ROOT, "%.2f%% of the image diagonal", fraction * 100).replace(".00%", "%");
    }
}
