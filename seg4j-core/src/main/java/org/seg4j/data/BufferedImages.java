package org.seg4j.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.DataBufferUShort;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;

/**
 * Conversions between {@link BufferedImage} and seg4j's {@link RgbImage} / {@link LabelMask}.
 *
 * <p>Reading works on the raster data directly for the common layouts (8- and 16-bit RGB, RGBA,
 * gray, gray+alpha, palette, packed int) and falls back to {@link BufferedImage#getRGB} for
 * anything else. Gray values are copied to all three channels as they are (no gamma conversion),
 * 16-bit samples are scaled to 8 bits, palette indices go through the palette, and alpha is
 * dropped (the colour is kept as stored, like PIL's {@code convert("RGB")}).
 */
public final class BufferedImages {

    /** Colour used for {@link LabelMask#IGNORE} in palette masks: the Pascal VOC void colour. */
    public static final int VOID_RGB = 0xE0E0C0;

    private BufferedImages() {}

    /** The image as 8-bit RGB (see the class comment for how other formats are converted). */
    public static RgbImage toRgbImage(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] out = new byte[w * h * 3];
        Raster raster = image.getRaster();
        ColorModel cm = image.getColorModel();
        boolean plain = raster.getMinX() == 0 && raster.getMinY() == 0
                && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0;
        if (cm instanceof IndexColorModel icm) {
            fromPalette(raster, icm, w, h, out);
        } else if (plain && cm instanceof ComponentColorModel && isRgbOrGray(cm.getColorSpace())
                && raster.getSampleModel() instanceof PixelInterleavedSampleModel sm
                && raster.getDataBuffer().getNumBanks() == 1) {
            fromInterleaved(raster, sm, cm.getColorSpace().getNumComponents() == 1, w, h, out);
        } else if (plain && cm instanceof DirectColorModel dcm && raster.getDataBuffer() instanceof DataBufferInt
                && raster.getSampleModel() instanceof SinglePixelPackedSampleModel sm && is8BitRgb(dcm)) {
            fromPackedInt(raster, sm, dcm, w, h, out);
        } else {
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                image.getRGB(0, y, w, 1, row, 0, w);
                putRow(row, out, y * w);
            }
        }
        return new RgbImage(w, h, out);
    }

    /** A copy of the image as a standard {@link BufferedImage#TYPE_3BYTE_BGR} image. */
    public static BufferedImage toBufferedImage(RgbImage image) {
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        byte[] rgb = image.data();
        for (int i = 0; i < rgb.length; i += 3) {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
        return out;
    }

    /**
     * The image with an alpha channel as {@link BufferedImage#TYPE_4BYTE_ABGR}.
     *
     * @param alpha {@code width * height} opacity values, 255 = opaque
     */
    public static BufferedImage toBufferedImage(RgbImage image, byte[] alpha) {
        int n = image.width() * image.height();
        if (alpha.length != n) {
            throw new IllegalArgumentException("alpha has " + alpha.length + " values, expected " + n);
        }
        BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_4BYTE_ABGR);
        byte[] abgr = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        byte[] rgb = image.data();
        for (int i = 0; i < n; i++) {
            abgr[i * 4] = alpha[i];
            abgr[i * 4 + 1] = rgb[i * 3 + 2];
            abgr[i * 4 + 2] = rgb[i * 3 + 1];
            abgr[i * 4 + 3] = rgb[i * 3];
        }
        return out;
    }

    /** The mask as an 8-bit gray image whose values are the labels. */
    public static BufferedImage toGrayImage(LabelMask mask) {
        BufferedImage out = new BufferedImage(mask.width(), mask.height(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        System.arraycopy(mask.data(), 0, dst, 0, dst.length);
        return out;
    }

    /**
     * The mask as an 8-bit palette image: the raster holds the labels, the palette the colours.
     *
     * @param palette colours {@code 0xRRGGBB} indexed by class id (at most 255 entries); other
     *     indices are black except {@link LabelMask#IGNORE}, which gets {@link #VOID_RGB}
     */
    public static BufferedImage toPaletteImage(LabelMask mask, int[] palette) {
        if (palette.length > LabelMask.IGNORE) {
            throw new IllegalArgumentException("a palette holds at most 255 classes, got " + palette.length);
        }
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        for (int i = 0; i < 256; i++) {
            int c = i < palette.length ? palette[i] : i == LabelMask.IGNORE ? VOID_RGB : 0;
            r[i] = (byte) (c >> 16);
            g[i] = (byte) (c >> 8);
            b[i] = (byte) c;
        }
        IndexColorModel icm = new IndexColorModel(8, 256, r, g, b);
        BufferedImage out = new BufferedImage(mask.width(), mask.height(), BufferedImage.TYPE_BYTE_INDEXED, icm);
        byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        System.arraycopy(mask.data(), 0, dst, 0, dst.length);
        return out;
    }

    private static boolean isRgbOrGray(ColorSpace cs) {
        return cs.getType() == ColorSpace.TYPE_RGB && cs.isCS_sRGB() || cs.getType() == ColorSpace.TYPE_GRAY;
    }

    private static boolean is8BitRgb(DirectColorModel cm) {
        return Integer.bitCount(cm.getRedMask()) == 8 && Integer.bitCount(cm.getGreenMask()) == 8
                && Integer.bitCount(cm.getBlueMask()) == 8;
    }

    private static void fromPalette(Raster raster, IndexColorModel icm, int w, int h, byte[] out) {
        int[] colours = new int[icm.getMapSize()];
        icm.getRGBs(colours);
        int[] row = new int[w];
        int band = 0;
        for (int y = 0; y < h; y++) {
            raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, band, row);
            for (int x = 0; x < w; x++) {
                int index = row[x];
                row[x] = index < colours.length ? colours[index] : 0;
            }
            putRow(row, out, y * w);
        }
    }

    private static void fromInterleaved(
            Raster raster, PixelInterleavedSampleModel sm, boolean gray, int w, int h, byte[] out) {
        DataBuffer db = raster.getDataBuffer();
        int[] offsets = sm.getBandOffsets();
        int stride = sm.getPixelStride();
        int scan = sm.getScanlineStride();
        int base = db.getOffset();
        int o0 = offsets[0];
        int o1 = gray ? o0 : offsets[1];
        int o2 = gray ? o0 : offsets[2];
        if (db instanceof DataBufferByte bytes) {
            byte[] src = bytes.getData();
            for (int y = 0; y < h; y++) {
                int s = base + y * scan;
                int d = y * w * 3;
                for (int x = 0; x < w; x++, s += stride, d += 3) {
                    out[d] = src[s + o0];
                    out[d + 1] = src[s + o1];
                    out[d + 2] = src[s + o2];
                }
            }
        } else if (db instanceof DataBufferUShort shorts) {
            short[] src = shorts.getData();
            for (int y = 0; y < h; y++) {
                int s = base + y * scan;
                int d = y * w * 3;
                for (int x = 0; x < w; x++, s += stride, d += 3) {
                    out[d] = to8Bit(src[s + o0]);
                    out[d + 1] = to8Bit(src[s + o1]);
                    out[d + 2] = to8Bit(src[s + o2]);
                }
            }
        } else {
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                for (int c = 0; c < 3; c++) {
                    raster.getSamples(0, y, w, 1, gray ? 0 : c, row);
                    for (int x = 0; x < w; x++) {
                        out[(y * w + x) * 3 + c] = (byte) row[x];
                    }
                }
            }
        }
    }

    private static void fromPackedInt(
            Raster raster, SinglePixelPackedSampleModel sm, DirectColorModel cm, int w, int h, byte[] out) {
        DataBufferInt db = (DataBufferInt) raster.getDataBuffer();
        int[] src = db.getData();
        int scan = sm.getScanlineStride();
        int rs = Integer.numberOfTrailingZeros(cm.getRedMask());
        int gs = Integer.numberOfTrailingZeros(cm.getGreenMask());
        int bs = Integer.numberOfTrailingZeros(cm.getBlueMask());
        for (int y = 0; y < h; y++) {
            int s = db.getOffset() + y * scan;
            int d = y * w * 3;
            for (int x = 0; x < w; x++, d += 3) {
                int p = src[s + x];
                out[d] = (byte) (p >>> rs);
                out[d + 1] = (byte) (p >>> gs);
                out[d + 2] = (byte) (p >>> bs);
            }
        }
    }

    /** 16-bit to 8-bit with rounding; the exact inverse of the usual {@code v * 257} widening. */
    private static byte to8Bit(short v) {
        return (byte) (((v & 0xFFFF) + 128) / 257);
    }

    private static void putRow(int[] argb, byte[] out, int pixelOffset) {
        int d = pixelOffset * 3;
        for (int p : argb) {
            out[d++] = (byte) (p >> 16);
            out[d++] = (byte) (p >> 8);
            out[d++] = (byte) p;
        }
    }
}
