package org.seg4j.infer.instance;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import org.seg4j.data.RgbImage;

/**
 * Renders instances over the image, each instance in its own colour: hues step by the golden
 * angle, so neighbouring instance numbers get far-apart colours. Stuff and void pixels show the
 * image unchanged.
 */
public final class InstanceOverlay {

    private InstanceOverlay() {}

    /** The colour ({@code 0xRRGGBB}) of instance number {@code k} (1, 2, ...). */
    public static int colour(int k) {
        float hue = (float) ((k * 0.618033988749895) % 1.0);
        float saturation = k % 2 == 0 ? 0.65f : 0.95f;
        return java.awt.Color.HSBtoRGB(hue, saturation, 0.95f) & 0xFFFFFF;
    }

    /**
     * The image blended with the instance colours.
     *
     * @param instanceIds instance number per pixel (0 = none), row-major, the image's size
     * @param alpha opacity of the colours, 0..1
     */
    public static BufferedImage render(RgbImage image, int[] instanceIds, double alpha) {
        if (instanceIds.length != image.width() * image.height()) {
            throw new IllegalArgumentException("instance map has " + instanceIds.length + " pixels, the image "
                    + image.width() + "x" + image.height());
        }
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        byte[] src = image.data();
        int a = (int) Math.round(alpha * 256);
        int b = 256 - a;
        for (int i = 0; i < dst.length; i++) {
            int r = src[i * 3] & 0xFF;
            int g = src[i * 3 + 1] & 0xFF;
            int bl = src[i * 3 + 2] & 0xFF;
            if (instanceIds[i] != 0) {
                int c = colour(instanceIds[i]);
                r = (r * b + ((c >> 16) & 0xFF) * a + 128) >> 8;
                g = (g * b + ((c >> 8) & 0xFF) * a + 128) >> 8;
                bl = (bl * b + (c & 0xFF) * a + 128) >> 8;
            }
            dst[i] = (r << 16) | (g << 8) | bl;
        }
        return out;
    }
}
