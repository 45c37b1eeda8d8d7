package org.seg4j.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;

/**
 * Greedy non-maximum suppression, as torchvision's {@code ops.nms} and {@code batched_nms}: the
 * IoU matrix of all boxes comes from one broadcast tensor op ({@link Boxes#iou}); the greedy pass
 * then walks the boxes by descending score and drops every later box whose IoU with a kept one
 * exceeds the threshold (exactly the threshold is kept). Equal scores keep their input order.
 */
public final class Nms {

    private Nms() {}

    /**
     * Indices of the kept boxes, highest score first.
     *
     * @param boxes {@code [K, 4]} corner boxes
     * @param scores {@code [K]}
     */
    public static int[] apply(NDArray boxes, NDArray scores, float iouThreshold) {
        int k = Math.toIntExact(boxes.getShape().get(0));
        if (k == 0) {
            return new int[0];
        }
        float[] s = scores.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        if (s.length != k) {
            throw new IllegalArgumentException("nms got " + k + " boxes but " + s.length + " scores");
        }
        float[] iou;
        try (NDManager m = boxes.getManager().newSubManager()) {
            NDArray b = boxes.duplicate();
            b.attach(m);
            iou = Boxes.iou(b, b).toFloatArray();
        }
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, c) -> Float.compare(s[c], s[a]));
        boolean[] removed = new boolean[k];
        int[] keep = new int[k];
        int kept = 0;
        for (int oi = 0; oi < k; oi++) {
            int i = order[oi];
            if (removed[i]) {
                continue;
            }
            keep[kept++] = i;
            for (int oj = oi + 1; oj < k; oj++) {
                int j = order[oj];
                if (!removed[j] && iou[i * k + j] > iouThreshold) {
                    removed[j] = true;
                }
            }
        }
        return Arrays.copyOf(keep, kept);
    }

    /**
     * NMS within each group (class or pyramid level) at once: boxes of different groups are shifted
     * apart by more than the largest coordinate so that they never overlap, as torchvision's
     * {@code batched_nms}.
     *
     * @param groups {@code [K]} integer group of each box
     */
    public static int[] batched(NDArray boxes, NDArray scores, NDArray groups, float iouThreshold) {
        if (boxes.getShape().get(0) == 0) {
            return new int[0];
        }
        try (NDManager m = boxes.getManager().newSubManager()) {
            NDArray b = boxes.duplicate();
            b.attach(m);
            NDArray g = groups.duplicate();
            g.attach(m);
            float max = b.max().getFloat();
            NDArray offsets = g.toType(b.getDataType(), false).mul(max + 1f).expandDims(1);
            return apply(b.add(offsets), scores, iouThreshold);
        }
    }
}
