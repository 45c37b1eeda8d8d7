package org.seg4j.transform;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntBinaryOperator;
import org.seg4j.data.instance.PanopticAnnotation;
import org.seg4j.data.instance.Segment;

/**
 * Geometric transforms of a {@link PanopticAnnotation} that stay aligned with the image and mask
 * transforms of this package: segment ids are sampled by nearest neighbour at the same source
 * pixel as {@link Warp} samples masks, pixels from outside the source become void, and segments
 * with no pixel left (cropped away) are dropped.
 */
public final class InstanceWarp {

    private InstanceWarp() {}

    /** Scales to {@code outW x outH}, as {@link Resize} scales the mask. */
    public static PanopticAnnotation resize(PanopticAnnotation a, int outW, int outH) {
        double sx = (double) a.width() / outW;
        double sy = (double) a.height() / outH;
        return affine(a, outW, outH, sx, 0, 0.5 * sx - 0.5, 0, sy, 0.5 * sy - 0.5);
    }

    /**
     * Resamples through the inverse affine map of {@code Warp.affine}: output pixel (x, y) takes the
     * segment of the source pixel nearest to {@code (a*x + b*y + c, d*x + e*y + f)}, with the same
     * float rounding, so rotations and scalings keep ids on the mask's pixels.
     */
    public static PanopticAnnotation affine(PanopticAnnotation src, int outW, int outH, double a, double b, double c,
            double d, double e, double f) {
        return remap(src, outW, outH, (x, y) -> {
            float sx = (float) (a * x + (b * y + c));
            float sy = (float) (d * x + (e * y + f));
            int nx = (int) Math.floor(sx + 0.5f);
            int ny = (int) Math.floor(sy + 0.5f);
            return inside(src, nx, ny) ? ny * src.width() + nx : -1;
        });
    }

    /** The {@code outW x outH} window whose top-left corner is source pixel ({@code left}, {@code top}). */
    public static PanopticAnnotation crop(PanopticAnnotation a, int left, int top, int outW, int outH) {
        return remap(a, outW, outH, (x, y) -> inside(a, x + left, y + top) ? (y + top) * a.width() + x + left : -1);
    }

    /** Mirrors left to right. */
    public static PanopticAnnotation flipHorizontal(PanopticAnnotation a) {
        return remap(a, a.width(), a.height(), (x, y) -> y * a.width() + a.width() - 1 - x);
    }

    private static boolean inside(PanopticAnnotation a, int x, int y) {
        return x >= 0 && y >= 0 && x < a.width() && y < a.height();
    }

    /**
     * Samples the annotation.
     *
     * @param source the source pixel index of output pixel (x, y), -1 for void
     */
    static PanopticAnnotation remap(PanopticAnnotation a, int outW, int outH, IntBinaryOperator source) {
        int[] ids = new int[outW * outH];
        Set<Integer> kept = new HashSet<>();
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int s = source.applyAsInt(x, y);
                int id = s < 0 ? 0 : a.ids()[s];
                ids[y * outW + x] = id;
                kept.add(id);
            }
        }
        List<Segment> segments = new ArrayList<>();
        for (Segment s : a.segments()) {
            if (kept.contains(s.id())) {
                segments.add(s);
            }
        }
        return new PanopticAnnotation(outW, outH, ids, segments);
    }
}
