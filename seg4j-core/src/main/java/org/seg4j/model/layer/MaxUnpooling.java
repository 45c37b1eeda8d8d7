package org.seg4j.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/**
 * SegNet's 2x2 max pooling that remembers where each maximum came from, and the matching
 * max-unpooling, built from standard ops (DJL has no max-unpool).
 *
 * <p>The "switches" of a pooling are stored as a mask of the pooled input's shape that holds, in
 * every 2x2 window, a single 1 at the position of the window's maximum and 0 elsewhere. Where
 * several positions tie for the maximum (e.g. an all-zero window after ReLU) the first in row-major
 * order wins (top-left, top-right, bottom-left, bottom-right), as with PyTorch's pooling indices.
 * Unpooling repeats every value of a coarse map over its 2x2 window and multiplies by the mask, so
 * the value lands exactly at the remembered position and the rest of the window is zero.
 *
 * <p>All arrays are NCHW; the pooled input must have an even height and width (SegmentationModel
 * pads inputs to a multiple of the encoder's output stride, so every stage divides evenly).
 */
public final class MaxUnpooling {

    private static final Shape WINDOW = new Shape(2, 2);

    private MaxUnpooling() {}

    /**
     * 2x2 max pooling with stride 2 that also returns its switches.
     *
     * @param x an {@code (N, C, 2H, 2W)} array
     * @return {@code [pooled (N, C, H, W), mask (N, C, 2H, 2W)]}
     */
    public static NDList maxPoolWithSwitches(NDArray x) {
        NDArray pooled = Pool.maxPool2d(x, WINDOW, WINDOW, new Shape(0, 0), false);
        return new NDList(pooled, switches(x, pooled));
    }

    /**
     * The switch mask of a 2x2, stride-2 max pooling: compares {@code x} with its pooled maximum
     * repeated over each window and keeps the first matching position of every window.
     *
     * @param x the pooling's input {@code (N, C, 2H, 2W)}
     * @param pooled its output {@code (N, C, H, W)}
     * @return a mask of {@code x}'s shape and data type, exactly one 1 per window
     */
    public static NDArray switches(NDArray x, NDArray pooled) {
        Shape s = checkEven(x.getShape());
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2) / 2;
        long w = s.get(3) / 2;
        // (N, C, 2H, 2W) viewed as (N, C, H, row-in-window, W, column-in-window).
        NDArray hit = x.reshape(n, c, h, 2, w, 2)
                .eq(pooled.reshape(n, c, h, 1, w, 1))
                .toType(x.getDataType(), false);
        // First hit within each window row, then the first window row that has one.
        NDArray firstInRow = hit.mul(hit.cumSum(5).eq(1).toType(x.getDataType(), false));
        NDArray rowHit = firstInRow.sum(new int[] {5}, true);
        NDArray firstRow = rowHit.mul(rowHit.cumSum(3).eq(1).toType(x.getDataType(), false));
        return firstInRow.mul(firstRow).reshape(s);
    }

    /**
     * Max-unpooling: places every value of {@code y} at its window's switch position.
     *
     * @param y a coarse map {@code (N, C, H, W)}
     * @param mask switches {@code (N, C, 2H, 2W)} from {@link #switches}
     * @return {@code (N, C, 2H, 2W)}, zero except at the switch positions
     */
    public static NDArray unpool(NDArray y, NDArray mask) {
        Shape s = checkEven(mask.getShape());
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2) / 2;
        long w = s.get(3) / 2;
        Shape expected = new Shape(n, c, h, w);
        if (!y.getShape().equals(expected)) {
            throw new IllegalArgumentException(
                    "cannot unpool " + y.getShape() + " with a switch mask of shape " + s + "; expected " + expected);
        }
        return mask.reshape(n, c, h, 2, w, 2).mul(y.reshape(n, c, h, 1, w, 1)).reshape(s);
    }

    private static Shape checkEven(Shape s) {
        if (s.dimension() != 4 || s.get(2) % 2 != 0 || s.get(3) % 2 != 0) {
            throw new IllegalArgumentException(
                    "2x2 max pooling needs an NCHW array of even height and width, got " + s);
        }
        return s;
    }
}
