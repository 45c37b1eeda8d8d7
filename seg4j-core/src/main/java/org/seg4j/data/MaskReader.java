package org.seg4j.data;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.PixelInterleavedSampleModel;
import java.awt.image.Raster;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.TreeMap;
import org.seg4j.Seg4jException;

/**
 * Reads mask files into {@link LabelMask}s for one class list. The encoding is detected from the
 * file ({@link MaskEncoding}):
 *
 * <ul>
 *   <li>gray (index) and palette masks: the stored value is the class id, or the class given by
 *       the class list's {@code values} ({@link ClassMeta#valueTable()}, a lookup table); the
 *       class list's {@code ignore_index} and 255 (unless {@code values} gives 255 to a class)
 *       become {@link LabelMask#IGNORE}, any other value
 *       is an error naming the file and a pixel;
 *   <li>colour masks: each colour must be a class colour or one of the void colours.
 * </ul>
 *
 * <p>By default the void colours are black ({@code 0x000000}, CamVid and Cityscapes) and
 * {@link BufferedImages#VOID_RGB} (Pascal VOC), each only if no class uses it. Instances are
 * immutable and thread-safe.
 */
public final class MaskReader {

    private final ClassMeta classes;
    private final long maxPixels;
    private final ColourTable colours;
    private final int[] valueTable;

    /** A reader with the default pixel limit and void colours. */
    public MaskReader(ClassMeta classes) {
        this(classes, ImageFiles.DEFAULT_MAX_PIXELS, null);
    }

    /**
     * A reader with explicit settings.
     *
     * @param maxPixels masks larger than this are refused before decoding
     * @param voidColours colours {@code 0xRRGGBB} that mark void pixels in colour masks, or
     *     {@code null} for the defaults
     */
    public MaskReader(ClassMeta classes, long maxPixels, int[] voidColours) {
        this(classes, maxPixels, voidColours, null);
    }

    /**
     * A reader that maps stored gray or palette values through {@code valueMap} (Cityscapes'
     * label ids to train ids, for example).
     *
     * @param valueMap 256 entries: the label of each stored value, {@link LabelMask#IGNORE} for void,
     *     -1 for values that are an error; {@code null} for the identity on the class ids
     */
    public MaskReader(ClassMeta classes, long maxPixels, int[] voidColours, int[] valueMap) {
        this.classes = classes;
        this.maxPixels = maxPixels;
        this.colours = new ColourTable(classes, voidColours == null ? defaultVoidColours(classes) : voidColours);
        if (valueMap != null && valueMap.length != 256) {
            throw new IllegalArgumentException("a mask value map needs 256 entries, got " + valueMap.length);
        }
        this.valueTable = valueMap != null ? valueMap.clone() : classes.valueTable();
    }

    /** The class list masks are read for. */
    public ClassMeta classes() {
        return classes;
    }

    /** Reads a mask file. */
    public LabelMask read(Path file) {
        return fromImage(file, ImageFiles.decode(file, maxPixels));
    }

    /**
     * Converts a decoded mask image.
     *
     * @param file the file it came from, for messages
     */
    public LabelMask fromImage(Path file, BufferedImage image) {
        return switch (MaskEncoding.of(image)) {
            case INDEX, PALETTE -> fromValues(file, image);
            case COLOR -> fromColours(file, image);
        };
    }

    private LabelMask fromValues(Path file, BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] labels = new byte[w * h];
        int[] lut = valueTable;
        Raster raster = image.getRaster();
        if (raster.getDataBuffer() instanceof DataBufferByte bytes && bytes.getNumBanks() == 1
                && raster.getSampleModel() instanceof PixelInterleavedSampleModel sm && raster.getMinX() == 0
                && raster.getMinY() == 0 && raster.getSampleModelTranslateX() == 0
                && raster.getSampleModelTranslateY() == 0) {
            byte[] src = bytes.getData();
            int stride = sm.getPixelStride();
            int scan = sm.getScanlineStride();
            int off = bytes.getOffset() + sm.getBandOffsets()[0];
            for (int y = 0; y < h; y++) {
                int s = off + y * scan;
                for (int x = 0; x < w; x++, s += stride) {
                    int label = lut[src[s] & 0xFF];
                    if (label < 0) {
                        throw outOfRange(file, src[s] & 0xFF, x, y);
                    }
                    labels[y * w + x] = (byte) label;
                }
            }
        } else {
            int[] row = new int[w];
            for (int y = 0; y < h; y++) {
                raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    int v = row[x];
                    int label = v < lut.length ? lut[v] : -1;
                    if (label < 0) {
                        throw outOfRange(file, v, x, y);
                    }
                    labels[y * w + x] = (byte) label;
                }
            }
        }
        return new LabelMask(w, h, labels);
    }

    private LabelMask fromColours(Path file, BufferedImage image) {
        RgbImage rgb = BufferedImages.toRgbImage(image);
        int w = rgb.width();
        int h = rgb.height();
        byte[] d = rgb.data();
        byte[] labels = new byte[w * h];
        int lastColour = -1;
        int lastLabel = 0;
        for (int i = 0; i < labels.length; i++) {
            int c = ((d[i * 3] & 0xFF) << 16) | ((d[i * 3 + 1] & 0xFF) << 8) | (d[i * 3 + 2] & 0xFF);
            if (c != lastColour) {
                lastLabel = colours.label(c);
                lastColour = c;
                if (lastLabel < 0) {
                    throw new Seg4jException(String.format(Locale.ROOT,
                            "%s: colour (%d, %d, %d) at (%d,%d) is not the colour of any class%s",
                            file, c >> 16, (c >> 8) & 0xFF, c & 0xFF, i % w, i / w, colours.voidHint()));
                }
            }
            labels[i] = (byte) lastLabel;
        }
        return new LabelMask(w, h, labels);
    }

    private Seg4jException outOfRange(Path file, int value, int x, int y) {
        String expected = classes.values().isEmpty() ? "is outside the class list 0.." + (classes.numClasses() - 1)
                : "is not the stored value of a class or void (" + classes.describeValues() + ")";
        return new Seg4jException(file + ": label value " + value + " at (" + x + "," + y + ") " + expected);
    }

    private static int[] defaultVoidColours(ClassMeta classes) {
        int[] palette = classes.palette();
        return Arrays.stream(new int[] {0x000000, BufferedImages.VOID_RGB})
                .filter(c -> Arrays.stream(palette).noneMatch(p -> p == c))
                .toArray();
    }

    /** Colour to label lookup; the class colours win over void colours. */
    private static final class ColourTable {
        private final int[] sortedColours;
        private final int[] labels;
        private final String voidHint;

        ColourTable(ClassMeta classes, int[] voidColours) {
            TreeMap<Integer, Integer> map = new TreeMap<>();
            int[] palette = classes.palette();
            for (int i = 0; i < palette.length; i++) {
                map.putIfAbsent(palette[i], i);
            }
            for (int c : voidColours) {
                map.putIfAbsent(c & 0xFFFFFF, LabelMask.IGNORE);
            }
            sortedColours = map.keySet().stream().mapToInt(Integer::intValue).toArray();
            labels = map.values().stream().mapToInt(Integer::intValue).toArray();
            StringBuilder hint = new StringBuilder();
            for (int c : voidColours) {
                hint.append(hint.length() == 0 ? " or a void colour (" : ", ")
                        .append(String.format(Locale.ROOT, "%d, %d, %d", c >> 16 & 0xFF, c >> 8 & 0xFF, c & 0xFF));
            }
            voidHint = hint.length() == 0 ? "" : hint.append(')').toString();
        }

        int label(int rgb) {
            int i = Arrays.binarySearch(sortedColours, rgb);
            return i >= 0 ? labels[i] : -1;
        }

        String voidHint() {
            return voidHint;
        }
    }
}
