package org.seg4j.data.convert;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.seg4j.Seg4jException;
import org.seg4j.data.BufferedImages;
import org.seg4j.data.ClassInfo;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.ImageFiles;
import org.seg4j.data.LabelMask;
import org.seg4j.data.PngFiles;
import org.seg4j.data.RgbImage;
import org.seg4j.data.layout.CityscapesLayout;
import org.seg4j.data.layout.DatasetLayouts;
import org.seg4j.data.layout.FolderLayout;
import org.seg4j.util.AtomicFiles;

/**
 * Writes samples into a new data set folder in one of the layouts, then {@link #finish()} writes
 * {@code classes.yaml} (and Pascal VOC's split lists). Where each file goes:
 *
 * <pre>
 * folder      &lt;split&gt;/images/&lt;id&gt;.&lt;ext&gt;  &lt;split&gt;/masks/&lt;id&gt;.png   (split "all": images/, masks/)
 * camvid      &lt;split&gt;/&lt;id&gt;.&lt;ext&gt;         &lt;split&gt;annot/&lt;id&gt;.png   (splits train, val, test)
 * voc         JPEGImages/&lt;id&gt;.&lt;ext&gt;      SegmentationClass/&lt;id&gt;.png + ImageSets/Segmentation/&lt;split&gt;.txt
 * cityscapes  leftImg8bit/&lt;split&gt;/&lt;city&gt;/&lt;id&gt;_leftImg8bit.png  gtFine/&lt;split&gt;/&lt;city&gt;/&lt;id&gt;_gtFine_labelTrainIds.png
 * </pre>
 *
 * <p>Image files are copied byte for byte when the layout accepts their format; Cityscapes needs
 * PNG, so other images are decoded and written as PNG. The city of a Cityscapes sample is the part
 * of its id before the first underscore. Void pixels are written as the class list's
 * {@code ignore_index} when it is outside the class ids, else 255; {@code classes.yaml} says which.
 * Files are written atomically; the output folder must not hold a data set already. {@link #write}
 * may be called from several threads.
 */
public final class LayoutWriter {

    private final Path root;
    private final String layout;
    private final ClassMeta classes;
    private final MaskFormat format;
    private final int voidValue;
    private final Map<String, TreeSet<String>> vocLists = new LinkedHashMap<>();
    private final AtomicInteger written = new AtomicInteger();

    /**
     * A writer into {@code root}.
     *
     * @param layout a layout name of {@link DatasetLayouts#names()}
     * @param format mask format, or {@code null} for the layout's usual one (palette for VOC, index otherwise)
     */
    public LayoutWriter(Path root, String layout, ClassMeta classes, MaskFormat format) {
        this.layout = DatasetLayouts.byName(layout).name();
        this.root = root;
        this.classes = classes;
        this.format = format != null ? format : this.layout.equals("voc") ? MaskFormat.PALETTE : MaskFormat.INDEX;
        int ignore = classes.ignoreIndex();
        this.voidValue = ignore >= classes.numClasses() && ignore <= 255 ? ignore : LabelMask.IGNORE;
        if (Files.exists(root.resolve(ClassMeta.FILE_NAME))) {
            throw new Seg4jException(root + ": output folder already holds a data set (" + ClassMeta.FILE_NAME
                    + "); choose an empty folder");
        }
    }

    /** The output folder. */
    public Path root() {
        return root;
    }

    /**
     * Writes one sample.
     *
     * @param image the source image file (copied or re-encoded)
     * @param mask its labels, or {@code null} for an unlabelled sample
     */
    public void write(String split, String id, Path image, LabelMask mask) {
        String ext = extension(image);
        Path imageOut;
        Path maskOut;
        switch (layout) {
            case "folder" -> {
                Path dir = FolderLayout.ALL.equals(split) ? root : root.resolve(split);
                imageOut = dir.resolve("images").resolve(id + "." + ext);
                maskOut = dir.resolve("masks").resolve(id + ".png");
            }
            case "camvid" -> {
                if (!List.of("train", "val", "test").contains(split)) {
                    throw new Seg4jException("the CamVid layout has only the splits train, val and test; cannot write"
                            + " split '" + split + "' (use the folder layout)");
                }
                imageOut = root.resolve(split).resolve(id + "." + ext);
                maskOut = root.resolve(split + "annot").resolve(id + ".png");
            }
            case "voc" -> {
                imageOut = root.resolve("JPEGImages").resolve(id + "." + ext);
                maskOut = root.resolve("SegmentationClass").resolve(id + ".png");
                synchronized (vocLists) {
                    vocLists.computeIfAbsent(split, s -> new TreeSet<>()).add(id);
                }
            }
            case "cityscapes" -> {
                int u = id.indexOf('_');
                String city = u > 0 ? id.substring(0, u) : "all";
                imageOut = root.resolve("leftImg8bit").resolve(split).resolve(city)
                        .resolve(id + CityscapesLayout.IMAGE_SUFFIX);
                maskOut = root.resolve("gtFine").resolve(split).resolve(city)
                        .resolve(id + CityscapesLayout.TRAIN_IDS_SUFFIX);
            }
            default -> throw new IllegalStateException(layout);
        }
        if (layout.equals("cityscapes") && !ext.equals("png")) {
            PngFiles.writeRgb(imageOut, ImageFiles.read(image));
        } else {
            copy(image, imageOut);
        }
        if (mask != null) {
            writeMask(maskOut, mask);
        }
        written.incrementAndGet();
    }

    /** Writes a mask in this writer's format. */
    void writeMask(Path file, LabelMask mask) {
        LabelMask out = mask;
        if (voidValue != LabelMask.IGNORE) {
            byte[] d = mask.data().clone();
            for (int i = 0; i < d.length; i++) {
                if ((d[i] & 0xFF) == LabelMask.IGNORE) {
                    d[i] = (byte) voidValue;
                }
            }
            out = new LabelMask(mask.width(), mask.height(), d);
        }
        switch (format) {
            case INDEX -> PngFiles.writeIndexMask(file, out);
            case PALETTE -> PngFiles.writePaletteMask(file, out, classes);
            case COLOR -> PngFiles.writeRgb(file, colours(mask));
            default -> throw new IllegalStateException(format.name());
        }
    }

    /** The mask in class colours, void in the void colour. */
    RgbImage colours(LabelMask mask) {
        int[] palette = classes.palette();
        boolean blackUsed = Arrays.stream(palette).anyMatch(c -> c == 0);
        int voidRgb = blackUsed ? BufferedImages.VOID_RGB : 0;
        RgbImage img = RgbImage.blank(mask.width(), mask.height());
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 0; x < mask.width(); x++) {
                int v = mask.get(x, y);
                img.setRgb(x, y, v < palette.length ? palette[v] : voidRgb);
            }
        }
        return img;
    }

    /** Writes {@code classes.yaml} and the VOC split lists; returns the number of samples written. */
    public int finish() {
        List<ClassInfo> list = new ArrayList<>(classes.classes());
        new ClassMeta(list, voidValue).write(root.resolve(ClassMeta.FILE_NAME));
        for (Map.Entry<String, TreeSet<String>> e : vocLists.entrySet()) {
            AtomicFiles.writeString(root.resolve("ImageSets/Segmentation").resolve(e.getKey() + ".txt"),
                    String.join("\n", e.getValue()) + "\n");
        }
        return written.get();
    }

    private static String extension(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(dot + 1).toLowerCase(Locale.ROOT) : "png";
    }

    private static void copy(Path from, Path to) {
        AtomicFiles.write(to, out -> Files.copy(from, out));
    }
}
