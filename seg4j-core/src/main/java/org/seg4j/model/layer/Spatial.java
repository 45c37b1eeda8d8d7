package org.seg4j.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/** Resizing, cropping and padding of the two spatial axes of NCHW arrays. */
public final class Spatial {

    /** How {@link #padBottomRight} fills the added rows and columns. */
    public enum PadMode {
        /**
         * No padding: {@link #padToMultiple} returns its input unchanged. A {@code
         * SegmentationModel} with this mode runs its encoder at the input's own size and resizes
         * the logits bilinearly to it, as torchvision's segmentation models do.
         */
        NONE,
        /** Zeros. */
        ZERO,
        /**
         * Mirror the image at its border (without repeating the edge pixel), which avoids a hard
         * artificial edge; falls back to zeros where the pad is not smaller than the image.
         */
        REFLECT
    }

    /** DJL's interpolation mode id for bilinear ({@code Image.Interpolation.BILINEAR}). */
    private static final int BILINEAR = 1;

    private Spatial() {}

    /** Height of an NCHW shape. */
    public static long height(Shape s) {
        return s.get(s.dimension() - 2);
    }

    /** Width of an NCHW shape. */
    public static long width(Shape s) {
        return s.get(s.dimension() - 1);
    }

    /** {@code s} with its last two axes replaced. */
    public static Shape withSize(Shape s, long height, long width) {
        return new Shape(s.get(0), s.get(1), height, width);
    }

    /**
     * Bilinear resize to {@code height x width} with half-pixel centres, as PyTorch's {@code
     * F.interpolate(mode="bilinear", align_corners=False)}; returns {@code x} itself when already
     * that size.
     *
     * <p>Shrinking goes through two products with constant interpolation matrices, {@code R_h x
     * R_w^T}: DJL's PyTorch engine anti-aliases when it shrinks (a wider filter), which PyTorch
     * models do not, and which made PSPNet's pyramid pooling differ from PyTorch wherever a bin grid
     * is finer than the feature map (inputs under 6 x the output stride).
     */
    public static NDArray resize(NDArray x, long height, long width) {
        Shape s = x.getShape();
        if (height(s) == height && width(s) == width) {
            return x;
        }
        if (height < height(s) || width < width(s)) {
            NDManager m = x.getManager();
            int h = (int) height(s);
            int w = (int) width(s);
            NDArray rows = m.create(bilinearMatrix(h, (int) height), new Shape(height, h)).toType(x.getDataType(), false);
            NDArray colsT = m.create(bilinearMatrix(w, (int) width), new Shape(width, w)).toType(x.getDataType(), false)
                    .transpose();
            return rows.matMul(x).matMul(colsT);
        }
        return x.getNDArrayInternal().interpolation(new long[] {height, width}, BILINEAR, false);
    }

    /**
     * The {@code out x in} row-major matrix of bilinear interpolation along one axis with half-pixel
     * centres: output {@code o} reads source position {@code max(0, (o + 0.5) in / out - 0.5)}, split
     * between its two neighbours (PyTorch's {@code upsample_bilinear2d} without anti-aliasing).
     */
    public static float[] bilinearMatrix(int in, int out) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("resize sizes must be positive, got " + in + " -> " + out);
        }
        float[] r = new float[out * in];
        double scale = (double) in / out;
        for (int o = 0; o < out; o++) {
            double src = Math.max(0, (o + 0.5) * scale - 0.5);
            int i0 = Math.min((int) src, in - 1);
            int i1 = Math.min(i0 + 1, in - 1);
            float l1 = (float) (src - i0);
            r[o * in + i0] += 1 - l1;
            r[o * in + i1] += l1;
        }
        return r;
    }

    /** The top-left {@code height x width} window; returns {@code x} itself when already that size. */
    public static NDArray crop(NDArray x, long height, long width) {
        Shape s = x.getShape();
        if (height(s) == height && width(s) == width) {
            return x;
        }
        if (height(s) < height || width(s) < width) {
            throw new IllegalArgumentException("cannot crop " + s + " to " + height + "x" + width);
        }
        return x.get(new NDIndex(":, :, :{}, :{}", height, width));
    }

    /**
     * {@code x} padded at the bottom and right to a height and width that are multiples of
     * {@code multiple} ({@link #padBottomRight}); {@code x} itself when they already are or when
     * {@code mode} is {@link PadMode#NONE}.
     */
    public static NDArray padToMultiple(NDArray x, int multiple, PadMode mode) {
        if (mode == PadMode.NONE) {
            return x;
        }
        Shape s = x.getShape();
        return padBottomRight(x, roundUp(height(s), multiple) - height(s), roundUp(width(s), multiple) - width(s),
                mode);
    }

    /** {@code s} with its height and width rounded up to a multiple of {@code multiple}. */
    public static Shape roundUpSize(Shape s, int multiple) {
        return withSize(s, roundUp(height(s), multiple), roundUp(width(s), multiple));
    }

    /** Rounds {@code size} up to a multiple of {@code multiple}. */
    public static long roundUp(long size, int multiple) {
        return (size + multiple - 1) / multiple * multiple;
    }

    /**
     * Adds {@code padH} rows at the bottom and {@code padW} columns at the right. Padding only at
     * the far sides keeps the original pixels at the same coordinates, so undoing it is a plain
     * top-left {@link #crop}.
     */
    public static NDArray padBottomRight(NDArray x, long padH, long padW, PadMode mode) {
        if (padH == 0 && padW == 0) {
            return x;
        }
        if (mode == PadMode.NONE) {
            throw new IllegalArgumentException("pad mode NONE adds no rows or columns");
        }
        Shape s = x.getShape();
        if (mode == PadMode.REFLECT && padH < height(s) && padW < width(s)) {
            NDArray out = x;
            if (padH > 0) {
                long h = height(s);
                NDArray mirror = out.get(new NDIndex(":, :, {}:{}", h - 1 - padH, h - 1)).flip(2);
                out = out.concat(mirror, 2);
            }
            if (padW > 0) {
                long w = width(s);
                NDArray mirror = out.get(new NDIndex(":, :, :, {}:{}", w - 1 - padW, w - 1)).flip(3);
                out = out.concat(mirror, 3);
            }
            return out;
        }
        // DJL's pad takes (before, after) pairs starting from the last axis, like torch.nn.functional.pad.
        return x.pad(new Shape(0, padW, 0, padH), 0);
    }
}
