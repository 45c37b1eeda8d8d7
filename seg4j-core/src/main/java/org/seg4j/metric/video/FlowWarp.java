package org.seg4j.metric.video;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.seg4j.data.LabelMask;

/**
 * Warps label maps, float planes and feature maps along an optical flow (backward warping: each
 * pixel of the frame being built reads where the flow says its content was).
 */
public final class FlowWarp {

    /** A displacement that leaves any frame: what a non-finite flow becomes in {@link #toArray}. */
    private static final float FAR = 1e6f;

    private FlowWarp() {}

    /**
     * Backward warping of the next frame's labels onto the current frame: pixel (x, y) takes the
     * label of {@code next} at {@code (x + dx, y + dy)} rounded to the nearest pixel (labels are
     * not interpolated), where the flow goes from the current frame to the next. Pixels whose
     * source lies outside the frame, or whose flow is not finite, become {@link LabelMask#IGNORE}.
     *
     * @param next the labels of the next frame
     * @param flow the flow from the current frame to the next, the same size as {@code next}
     * @throws IllegalArgumentException if the sizes differ
     */
    public static LabelMask backward(LabelMask next, FlowField flow) {
        int w = next.width();
        int h = next.height();
        if (flow.width() != w || flow.height() != h) {
            throw new IllegalArgumentException("flow is " + flow.width() + "x" + flow.height() + " but the labels are "
                    + w + "x" + h);
        }
        byte[] src = next.data();
        float[] f = flow.data();
        byte[] out = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                float dx = f[2 * i];
                float dy = f[2 * i + 1];
                // Math.floor(v + 0.5) rather than a cast: a cast rounds -0.7 up to 0 and would let
                // pixels from just outside the left or top edge in
                double sx = Math.floor(x + dx + 0.5);
                double sy = Math.floor(y + dy + 0.5);
                if (sx >= 0 && sx < w && sy >= 0 && sy < h) {
                    out[i] = src[(int) sy * w + (int) sx];
                } else {
                    out[i] = (byte) LabelMask.IGNORE; // also NaN, whose comparisons are false
                }
            }
        }
        return new LabelMask(w, h, out);
    }

    /**
     * Backward warping of per-pixel values held as {@code channels} planes of {@code H x W} floats
     * (class probabilities, say): pixel (x, y) of every plane takes the value at {@code (x + dx, y +
     * dy)} rounded to the nearest pixel, as {@link #backward(LabelMask, FlowField)} does for labels.
     * Pixels whose source lies outside the frame, or whose flow is not finite, take {@code fallback}'s
     * values instead (for a moving average: the newest frame's own values, since nothing earlier
     * saw that content).
     *
     * @param planes {@code channels * H * W} values, plane by plane
     * @param channels number of planes
     * @param flow the flow from the frame being built to the frame {@code planes} belongs to
     * @param fallback values for pixels with no source, the same layout as {@code planes}
     * @throws IllegalArgumentException if the sizes differ
     */
    public static float[] backward(float[] planes, int channels, FlowField flow, float[] fallback) {
        int w = flow.width();
        int h = flow.height();
        int n = w * h;
        if (planes.length != channels * n || fallback.length != planes.length) {
            throw new IllegalArgumentException("flow is " + w + "x" + h + " but the planes hold " + planes.length
                    + " values and the fallback " + fallback.length + " for " + channels + " channels");
        }
        float[] f = flow.data();
        float[] out = new float[planes.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                double sx = Math.floor(x + f[2 * i] + 0.5);
                double sy = Math.floor(y + f[2 * i + 1] + 0.5);
                boolean inside = sx >= 0 && sx < w && sy >= 0 && sy < h;
                int src = inside ? (int) sy * w + (int) sx : i;
                float[] from = inside ? planes : fallback;
                for (int c = 0; c < channels; c++) {
                    out[c * n + i] = from[c * n + src];
                }
            }
        }
        return out;
    }

    /**
     * Differentiable bilinear backward warping of an {@code N x C x H x W} map (a recurrent hidden
     * state, say) along {@code N x 2 x H x W} flows in the map's own pixels: {@code out(x, y) =
     * planes(x + dx, y + dy)}, interpolated between the four neighbours, each neighbour outside the
     * map counting as zero (content that comes into view starts from a zero state). Built from
     * gathers on the flattened map, as {@code RoiAlign}: the gradient flows back to {@code planes}
     * (not to the flow, which is treated as given). The flow must be finite ({@link #toArray} moves a
     * non-finite one out of the map).
     *
     * @param planes the map to warp
     * @param flow per sample, channel 0 dx and channel 1 dy, from the output's frame to the map's
     * @return the warped map, the shape of {@code planes}, in the manager of {@code planes}
     * @throws IllegalArgumentException if the shapes do not match
     */
    public static NDArray bilinear(NDArray planes, NDArray flow) {
        Shape ps = planes.getShape();
        Shape fs = flow.getShape();
        if (ps.dimension() != 4 || fs.dimension() != 4 || fs.get(0) != ps.get(0) || fs.get(1) != 2
                || fs.get(2) != ps.get(2) || fs.get(3) != ps.get(3)) {
            throw new IllegalArgumentException("flow warp needs an N x C x H x W map and an N x 2 x H x W flow, got "
                    + ps + " and " + fs);
        }
        long n = ps.get(0);
        long c = ps.get(1);
        long h = ps.get(2);
        long w = ps.get(3);
        NDManager m = planes.getManager();
        NDArray f = flow.stopGradient().toType(DataType.FLOAT32, false);
        NDArray sx = f.get(":, 0").add(m.arange(0f, (float) w).reshape(1, 1, w)); // [N, H, W]
        NDArray sy = f.get(":, 1").add(m.arange(0f, (float) h).reshape(1, h, 1));
        NDArray x0 = sx.floor();
        NDArray y0 = sy.floor();
        NDArray fx = sx.sub(x0);
        NDArray fy = sy.sub(y0);
        NDArray[] xs = {x0, x0.add(1f)};
        NDArray[] ys = {y0, y0.add(1f)};
        NDArray[] wx = {fx.neg().add(1f), fx};
        NDArray[] wy = {fy.neg().add(1f), fy};
        NDArray flat = planes.transpose(0, 2, 3, 1).reshape(n * h * w, c);
        NDArray base = m.arange(0f, (float) n).mul((float) (h * w)).reshape(n, 1, 1);
        NDArray sum = null;
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                NDArray inside = xs[b].gte(0f).logicalAnd(xs[b].lte((float) (w - 1)))
                        .logicalAnd(ys[a].gte(0f)).logicalAnd(ys[a].lte((float) (h - 1)))
                        .toType(DataType.FLOAT32, false);
                NDArray idx = base.add(ys[a].clip(0f, (float) (h - 1)).mul((float) w))
                        .add(xs[b].clip(0f, (float) (w - 1))).toType(DataType.INT64, false).reshape(-1);
                NDArray weight = wy[a].mul(wx[b]).mul(inside).reshape(-1, 1);
                NDArray term = flat.get(new NDIndex("{}", idx)).mul(weight);
                sum = sum == null ? term : sum.add(term);
            }
        }
        return sum.reshape(n, h, w, c).transpose(0, 3, 1, 2);
    }

    /**
     * A flow resized to another resolution of the same view, {@code N x 2 x H x W} to {@code N x 2 x
     * outHeight x outWidth}: each output pixel averages the input pixels it covers (box filter;
     * nearest pixel when enlarging), and the displacements are rescaled to the output's pixels (dx
     * by {@code outWidth / W}, dy by {@code outHeight / H}). Brings a flow at the network's input
     * size down to a feature map at stride 16 or 32, as GRFP does.
     */
    public static NDArray resize(NDArray flow, long outHeight, long outWidth) {
        Shape fs = flow.getShape();
        if (fs.dimension() != 4 || fs.get(1) != 2 || outHeight < 1 || outWidth < 1) {
            throw new IllegalArgumentException("flow resize needs an N x 2 x H x W flow and a positive size, got "
                    + fs + " to " + outHeight + "x" + outWidth);
        }
        long h = fs.get(2);
        long w = fs.get(3);
        if (h == outHeight && w == outWidth) {
            return flow;
        }
        NDManager m = flow.getManager();
        NDArray rows = m.create(boxMatrix(h, outHeight), new Shape(outHeight, h));
        NDArray cols = m.create(boxMatrix(w, outWidth), new Shape(outWidth, w)).transpose();
        NDArray scale = m.create(new float[] {(float) outWidth / w, (float) outHeight / h}, new Shape(1, 2, 1, 1));
        return rows.matMul(flow.toType(DataType.FLOAT32, false)).matMul(cols).mul(scale);
    }

    /** Row {@code i}: the average over the input pixels that output pixel {@code i} covers. */
    private static float[] boxMatrix(long in, long out) {
        float[] a = new float[(int) (in * out)];
        for (int i = 0; i < out; i++) {
            long lo = (long) Math.floor((double) i * in / out);
            long hi = Math.max(lo + 1, (long) Math.floor((double) (i + 1) * in / out));
            hi = Math.min(hi, in);
            for (long j = lo; j < hi; j++) {
                a[(int) (i * in + j)] = 1f / (hi - lo);
            }
        }
        return a;
    }

    /**
     * A flow field as a {@code 1 x 2 x H x W} array (channel 0 dx, channel 1 dy); a non-finite
     * displacement becomes one far outside the frame, so {@link #bilinear} reads zero there.
     */
    public static NDArray toArray(NDManager manager, FlowField flow) {
        int n = flow.width() * flow.height();
        float[] planes = new float[2 * n];
        float[] d = flow.data();
        for (int i = 0; i < n; i++) {
            boolean finite = Float.isFinite(d[2 * i]) && Float.isFinite(d[2 * i + 1]);
            planes[i] = finite ? d[2 * i] : FAR;
            planes[n + i] = finite ? d[2 * i + 1] : FAR;
        }
        return manager.create(planes, new Shape(1, 2, flow.height(), flow.width()));
    }
}
