package org.seg4j.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * RoIAlign (He et al., 2017) from gathers and bilinear weights, as torchvision's {@code
 * ops.roi_align} with a fixed sampling ratio, vectorised over all regions: every sample point of
 * every region is one row of four gathers from the flattened feature map, so the cost is a few
 * large tensor ops whatever the number of regions. The features are only gathered and weighted,
 * so gradients flow back to them (the regions themselves are treated as constants).
 *
 * <p>Per region and output bin, {@code samplingRatio²} points on a regular grid inside the bin are
 * sampled bilinearly and averaged. As torchvision: a point more than one pixel outside the map
 * contributes 0 (and still counts in the average), a point between -1 and 0 is clamped to 0, one
 * beyond the last pixel to the last pixel; without {@code aligned} regions are at least 1x1 and
 * pixel centres lie at integer coordinates, with {@code aligned} the box is shifted by half a pixel
 * (Detectron2's {@code ROIAlignV2}).
 */
public final class RoiAlign {

    private RoiAlign() {}

    /**
     * Pools one {@code outHeight x outWidth} map per region.
     *
     * @param features NCHW float features
     * @param rois {@code [K, 5]}: batch index, x1, y1, x2, y2 in input coordinates
     * @param spatialScale feature size over input size (1/stride)
     * @param samplingRatio sample points per bin along each axis (torchvision's Mask R-CNN uses 2)
     * @return {@code [K, C, outHeight, outWidth]}, in the manager of {@code features}
     */
    public static NDArray apply(NDArray features, NDArray rois, int outHeight, int outWidth, float spatialScale,
            int samplingRatio, boolean aligned) {
        Shape fs = features.getShape();
        Shape rs = rois.getShape();
        if (fs.dimension() != 4) {
            throw new IllegalArgumentException("roi align needs NCHW features, got " + fs);
        }
        if (rs.dimension() != 2 || rs.get(1) != 5) {
            throw new IllegalArgumentException("roi align needs [K, 5] regions (batch, x1, y1, x2, y2), got " + rs);
        }
        if (outHeight < 1 || outWidth < 1 || samplingRatio < 1) {
            throw new IllegalArgumentException("roi align output " + outHeight + "x" + outWidth + " and sampling ratio "
                    + samplingRatio + " must be positive");
        }
        long n = fs.get(0);
        long c = fs.get(1);
        long h = fs.get(2);
        long w = fs.get(3);
        long k = rs.get(0);
        NDManager m = features.getManager();
        if (k == 0) {
            return m.zeros(new Shape(0, c, outHeight, outWidth), features.getDataType());
        }
        NDArray r = rois.toType(DataType.FLOAT32, false);
        r = r.getManager() == m ? r : attached(r, m);
        float offset = aligned ? 0.5f : 0f;
        NDArray batch = r.get(":, 0").toType(DataType.INT64, false);
        NDArray x1 = r.get(":, 1").mul(spatialScale).sub(offset);
        NDArray y1 = r.get(":, 2").mul(spatialScale).sub(offset);
        NDArray roiW = r.get(":, 3").mul(spatialScale).sub(offset).sub(x1);
        NDArray roiH = r.get(":, 4").mul(spatialScale).sub(offset).sub(y1);
        if (!aligned) {
            roiW = roiW.maximum(1f);
            roiH = roiH.maximum(1f);
        }
        Axis ys = axis(m, y1, roiH.div(outHeight), outHeight, samplingRatio, h); // [K, Sy]
        Axis xs = axis(m, x1, roiW.div(outWidth), outWidth, samplingRatio, w); // [K, Sx]
        long sy = (long) outHeight * samplingRatio;
        long sx = (long) outWidth * samplingRatio;

        NDArray flat = features.transpose(0, 2, 3, 1).reshape(n * h * w, c);
        NDArray base = batch.mul(h * w).reshape(k, 1, 1);
        NDArray[] yIdx = {ys.low.mul(w).reshape(k, sy, 1), ys.high.mul(w).reshape(k, sy, 1)};
        NDArray[] xIdx = {xs.low.reshape(k, 1, sx), xs.high.reshape(k, 1, sx)};
        NDArray[] yWt = {ys.lowWeight.reshape(k, sy, 1), ys.highWeight.reshape(k, sy, 1)};
        NDArray[] xWt = {xs.lowWeight.reshape(k, 1, sx), xs.highWeight.reshape(k, 1, sx)};
        NDArray sum = null;
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                NDArray idx = base.add(yIdx[a]).add(xIdx[b]).reshape(-1);
                NDArray wt = yWt[a].mul(xWt[b]).reshape(-1, 1);
                NDArray term = flat.get(new NDIndex("{}", idx)).mul(wt);
                sum = sum == null ? term : sum.add(term);
            }
        }
        // [K, outH, s, outW, s, C] -> mean over the samples of each bin
        NDArray pooled = sum.reshape(k, outHeight, samplingRatio, outWidth, samplingRatio, c)
                .mean(new int[] {4}).mean(new int[] {2});
        return pooled.transpose(0, 3, 1, 2);
    }

    /** Sample positions along one axis: indices of the two neighbours and their weights, {@code [K, S]}. */
    private record Axis(NDArray low, NDArray high, NDArray lowWeight, NDArray highWeight) {}

    private static Axis axis(NDManager m, NDArray start, NDArray bin, int out, int ratio, long size) {
        float[] frac = new float[out * ratio];
        for (int p = 0; p < out; p++) {
            for (int i = 0; i < ratio; i++) {
                frac[p * ratio + i] = p + (i + 0.5f) / ratio;
            }
        }
        NDArray pos = start.expandDims(1).add(bin.expandDims(1).mul(m.create(frac).expandDims(0)));
        NDArray valid = pos.gte(-1f).logicalAnd(pos.lte((float) size)).toType(DataType.FLOAT32, false);
        NDArray clamped = pos.clip(0f, (float) (size - 1));
        NDArray low = clamped.floor();
        NDArray high = low.add(1f).minimum((float) (size - 1));
        NDArray frac1 = clamped.sub(low);
        return new Axis(low.toType(DataType.INT64, false), high.toType(DataType.INT64, false),
                frac1.neg().add(1f).mul(valid), frac1.mul(valid));
    }

    private static NDArray attached(NDArray a, NDManager m) {
        NDArray copy = a.duplicate();
        copy.attach(m);
        return copy;
    }
}
