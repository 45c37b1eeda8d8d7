package org.seg4j.model.layer;

import ai.djl.ndarray.NDArray;

/**
 * Operations on {@code [K, 4]} boxes in corner form {@code (x1, y1, x2, y2)}, as torchvision's
 * {@code ops/boxes.py}: areas, the pairwise IoU matrix by broadcasting, clipping to an image.
 */
public final class Boxes {

    private Boxes() {}

    /** Area {@code (x2 - x1) * (y2 - y1)} of each box, {@code [K]}. */
    public static NDArray area(NDArray boxes) {
        return boxes.get(":, 2").sub(boxes.get(":, 0")).mul(boxes.get(":, 3").sub(boxes.get(":, 1")));
    }

    /** Pairwise intersection over union, {@code [A, B]}; 0 where the union is empty. */
    public static NDArray iou(NDArray a, NDArray b) {
        NDArray ea = a.expandDims(1); // [A, 1, 4]
        NDArray eb = b.expandDims(0); // [1, B, 4]
        NDArray ix1 = ea.get(":, :, 0").maximum(eb.get(":, :, 0"));
        NDArray iy1 = ea.get(":, :, 1").maximum(eb.get(":, :, 1"));
        NDArray ix2 = ea.get(":, :, 2").minimum(eb.get(":, :, 2"));
        NDArray iy2 = ea.get(":, :, 3").minimum(eb.get(":, :, 3"));
        NDArray inter = ix2.sub(ix1).maximum(0f).mul(iy2.sub(iy1).maximum(0f));
        NDArray union = area(a).expandDims(1).add(area(b).expandDims(0)).sub(inter);
        return inter.div(union.maximum(1e-12f)).mul(union.gt(0f).toType(inter.getDataType(), false));
    }

    /** Boxes clipped to a {@code width x height} image. */
    public static NDArray clip(NDArray boxes, int height, int width) {
        NDArray x = boxes.get(":, 0::2").clip(0f, (float) width);
        NDArray y = boxes.get(":, 1::2").clip(0f, (float) height);
        return x.expandDims(2).concat(y.expandDims(2), 2).reshape(-1, 4);
    }
}
