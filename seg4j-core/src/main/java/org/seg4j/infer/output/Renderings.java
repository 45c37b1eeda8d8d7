package org.seg4j.infer.output;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.util.Collection;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.Probabilities;

/**
 * Turns predictions into images. Pixels whose label has no palette entry (void) are black in
 * colour masks, unchanged in overlays and transparent in cutouts.
 */
public final class Renderings {

    /** Default opacity of the colour mask in overlays. */
    public static final double DEFAULT_ALPHA = 0.5;

    private Renderings() {}

    /** 8-bit gray image whose values are the class ids. */
    public static BufferedImage indexMask(LabelMask mask) {
        BufferedImage out = new BufferedImage(mask.width(), mask.height(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        System.arraycopy(mask.data(), 0, dst, 0, dst.length);
        return out;
    }

    /** RGB image with each pixel in its class's colour ({@code palette[id] = 0xRRGGBB}). */
    public static BufferedImage colorMask(LabelMask mask, int[] palette) {
        BufferedImage out = new BufferedImage(mask.width(), mask.height(), BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        byte[] labels = mask.data();
        for (int i = 0; i < dst.length; i++) {
            int id = labels[i] & 0xFF;
            dst[i] = id < palette.length ? palette[id] : 0;
        }
        return out;
    }

    /**
     * The image blended with the colour mask: {@code (1 - alpha) * image + alpha * colour}.
     *
     * @param alpha opacity of the mask, 0 (image only) to 1 (mask only)
     */
    public static BufferedImage overlay(RgbImage image, LabelMask mask, int[] palette, double alpha) {
        checkSameSize(image, mask);
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new Seg4jException("overlay alpha must be in 0..1, got " + alpha);
        }
        byte[] labels = mask.data();
        int[] colours = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            int id = labels[i] & 0xFF;
            colours[i] = id < palette.length ? palette[id] : -1;
        }
        return blend(image, colours, alpha);
    }

    /**
     * The image blended with a colour per pixel: {@code (1 - alpha) * image + alpha * colour}.
     *
     * @param colours {@code 0xRRGGBB} per pixel, row-major; a negative value leaves the pixel unchanged
     */
    public static BufferedImage blend(RgbImage image, int[] colours, double alpha) {
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        byte[] src = image.data();
        int a = (int) Math.round(alpha * 256);
        int b = 256 - a;
        for (int i = 0; i < dst.length; i++) {
            int r = src[i * 3] & 0xFF;
            int g = src[i * 3 + 1] & 0xFF;
            int bl = src[i * 3 + 2] & 0xFF;
            int c = colours[i];
            if (c >= 0) {
                r = (r * b + ((c >> 16) & 0xFF) * a + 128) >> 8;
                g = (g * b + ((c >> 8) & 0xFF) * a + 128) >> 8;
                bl = (bl * b + (c & 0xFF) * a + 128) >> 8;
            }
            dst[i] = (r << 16) | (g << 8) | bl;
        }
        return out;
    }

    /** 8-bit gray map of class {@code classId}'s probability ({@code round(255 * p)}). */
    public static BufferedImage probabilityMap(Probabilities probs, int classId) {
        BufferedImage out = new BufferedImage(probs.width(), probs.height(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        float[] d = probs.data();
        int base = classId * dst.length;
        for (int i = 0; i < dst.length; i++) {
            float p = d[base + i];
            dst[i] = (byte) Math.round(Math.max(0f, Math.min(1f, p)) * 255f);
        }
        return out;
    }

    /** RGBA image: the input where the label is in {@code foreground}, fully transparent elsewhere. */
    public static BufferedImage cutout(RgbImage image, LabelMask mask, boolean[] foreground) {
        checkSameSize(image, mask);
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_ARGB);
        int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        byte[] src = image.data();
        byte[] labels = mask.data();
        for (int i = 0; i < dst.length; i++) {
            int id = labels[i] & 0xFF;
            if (id < foreground.length && foreground[id]) {
                dst[i] = 0xFF000000 | ((src[i * 3] & 0xFF) << 16) | ((src[i * 3 + 1] & 0xFF) << 8) | (src[i * 3 + 2] & 0xFF);
            }
        }
        return out;
    }

    /**
     * Background removal with a soft edge: the image's colours with alpha {@code 255 x} the summed
     * probability of the {@code foreground} classes, so hair and motion blur fade out instead of
     * being cut at the class boundary (as a matting tool's output would). Colours are not
     * decontaminated: a half-transparent edge pixel keeps the background colour it was mixed with.
     */
    public static BufferedImage softCutout(RgbImage image, Probabilities probs, boolean[] foreground) {
        if (probs.width() != image.width() || probs.height() != image.height()) {
            throw new IllegalArgumentException("probabilities are " + probs.width() + "x" + probs.height()
                    + " but the image is " + image.width() + "x" + image.height());
        }
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_ARGB);
        int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        byte[] src = image.data();
        float[] p = probs.data();
        int plane = dst.length;
        float[] alpha = new float[plane];
        for (int c = 0; c < probs.numClasses() && c < foreground.length; c++) {
            if (foreground[c]) {
                for (int i = 0; i < plane; i++) {
                    alpha[i] += p[c * plane + i];
                }
            }
        }
        for (int i = 0; i < plane; i++) {
            int a = Math.round(255 * Math.min(1f, Math.max(0f, alpha[i])));
            if (a > 0) {
                dst[i] = a << 24 | ((src[i * 3] & 0xFF) << 16) | ((src[i * 3 + 1] & 0xFF) << 8) | (src[i * 3 + 2] & 0xFF);
            }
        }
        return out;
    }

    /**
     * Resolves foreground class names (case-insensitive) to a flag per class id. An empty or null
     * collection means every class except {@code background} (or except class 0 when no class has
     * that name).
     *
     * @throws Seg4jException for an unknown name, listing the valid ones
     */
    public static boolean[] foreground(ClassMeta classes, Collection<String> names) {
        boolean[] fg = new boolean[classes.numClasses()];
        if (names == null || names.isEmpty()) {
            int bg = classes.idOf("background");
            java.util.Arrays.fill(fg, true);
            fg[bg >= 0 ? bg : 0] = classes.numClasses() == 1;
            return fg;
        }
        for (String name : names) {
            int id = classes.idOf(name.trim());
            if (id < 0) {
                throw new Seg4jException("unknown class '" + name + "'; classes: " + String.join(", ", classes.names()));
            }
            fg[id] = true;
        }
        return fg;
    }

    /** A class name made safe for a file name. */
    public static String fileSafe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static void checkSameSize(RgbImage image, LabelMask mask) {
        if (image.width() != mask.width() || image.height() != mask.height()) {
            throw new IllegalArgumentException("image is " + image.width() + "x" + image.height() + " but mask is "
                    + mask.width() + "x" + mask.height());
        }
    }
}
