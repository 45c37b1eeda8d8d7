package org.seg4j.model.instance.maskrcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.seg4j.data.RgbImage;
import org.seg4j.model.layer.Spatial;
import org.seg4j.transform.Normalization;

/**
 * Turns images into the input of {@link MaskRcnn}, as torchvision's {@code
 * GeneralizedRCNNTransform.batch_images}: each image normalised, then all placed at the top-left of
 * one zero-filled batch whose sides are the largest image's rounded up to a multiple of 32.
 */
public final class MaskRcnnInput {

    private MaskRcnnInput() {}

    /** The batch {@code [N, 3, H, W]}, created in {@code manager}. */
    public static NDArray batch(NDManager manager, List<RgbImage> images, Normalization normalization) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("mask-rcnn input needs at least one image");
        }
        int h = 0;
        int w = 0;
        for (RgbImage im : images) {
            h = Math.max(h, im.height());
            w = Math.max(w, im.width());
        }
        h = (int) Spatial.roundUp(h, MaskRcnn.SIZE_DIVISOR);
        w = (int) Spatial.roundUp(w, MaskRcnn.SIZE_DIVISOR);
        float[] data = new float[images.size() * 3 * h * w];
        for (int n = 0; n < images.size(); n++) {
            RgbImage im = images.get(n);
            float[] chw = normalization.toChw(im);
            int plane = im.width() * im.height();
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < im.height(); y++) {
                    System.arraycopy(chw, c * plane + y * im.width(), data, ((n * 3 + c) * h + y) * w, im.width());
                }
            }
        }
        return manager.create(data, new Shape(images.size(), 3, h, w));
    }

    /** Each image's {@code {height, width}}. */
    public static int[][] sizes(List<RgbImage> images) {
        int[][] out = new int[images.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new int[] {images.get(i).height(), images.get(i).width()};
        }
        return out;
    }
}
