package org.seg4j.infer.instance;

import java.awt.image.BufferedImage;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.output.Renderings;

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
        int[] colours = new int[instanceIds.length];
        for (int i = 0; i < colours.length; i++) {
            colours[i] = instanceIds[i] == 0 ? -1 : colour(instanceIds[i]);
        }
        return Renderings.blend(image, colours, alpha);
    }
}
