package org.seg4j.model.instance.maskrcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.seg4j.model.layer.RoiAlign;

/**
 * RoIAlign over a feature pyramid, as torchvision's {@code MultiScaleRoIAlign}: each region is
 * pooled from one level, {@code floor(4 + log2(sqrt(area) / canonicalScale) + 1e-6)} clamped to
 * P2..P5 (Lin et al., 2017, eq. 1), sampling ratio 2, not aligned. Each level pools all its regions
 * in one vectorised {@link RoiAlign} call; the results are put back in the regions' order.
 */
final class MultiScaleRoiAlign {

    private static final int FIRST_LEVEL = 2;
    private static final int SAMPLING_RATIO = 2;

    private final float canonicalScale;

    MultiScaleRoiAlign(float canonicalScale) {
        this.canonicalScale = canonicalScale;
    }

    /** Pyramid level index (0 = P2) of each region {@code (batch, x1, y1, x2, y2)}. */
    int[] levels(float[] rois, int numLevels) {
        int k = rois.length / 5;
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            double w = rois[5 * i + 3] - rois[5 * i + 1];
            double h = rois[5 * i + 4] - rois[5 * i + 2];
            double side = Math.sqrt(Math.max(w * h, 0));
            int level = (int) Math.floor(4 + Math.log(side / canonicalScale) / Math.log(2) + 1e-6);
            out[i] = Math.max(FIRST_LEVEL, Math.min(FIRST_LEVEL + numLevels - 1, level)) - FIRST_LEVEL;
        }
        return out;
    }

    /**
     * @param features P2..P5 (strides 4, 8, 16, 32)
     * @param rois {@code 5·K}: batch index, x1, y1, x2, y2 in image pixels
     * @param imageHeight padded input height, for the levels' scales
     * @return {@code [K, C, size, size]}
     */
    NDArray pool(NDList features, float[] rois, int size, long imageHeight) {
        NDManager m = features.head().getManager();
        int k = rois.length / 5;
        long c = features.head().getShape().get(1);
        if (k == 0) {
            return m.zeros(new Shape(0, c, size, size));
        }
        int[] level = levels(rois, features.size());
        List<NDArray> parts = new ArrayList<>();
        int[] order = new int[k];
        int filled = 0;
        for (int l = 0; l < features.size(); l++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                if (level[i] == l) {
                    members.add(i);
                }
            }
            if (members.isEmpty()) {
                continue;
            }
            float[] sub = new float[5 * members.size()];
            for (int j = 0; j < members.size(); j++) {
                System.arraycopy(rois, 5 * members.get(j), sub, 5 * j, 5);
                order[filled + j] = members.get(j);
            }
            filled += members.size();
            NDArray f = features.get(l);
            float scale = (float) f.getShape().get(2) / imageHeight;
            parts.add(RoiAlign.apply(f, m.create(sub, new Shape(members.size(), 5)), size, size, scale,
                    SAMPLING_RATIO, false));
        }
        NDArray stacked = parts.size() == 1 ? parts.get(0) : NDArrays.concat(new NDList(parts), 0);
        long[] inverse = new long[k];
        for (int j = 0; j < k; j++) {
            inverse[order[j]] = j;
        }
        return stacked.get(new NDIndex("{}", m.create(inverse)));
    }
}
