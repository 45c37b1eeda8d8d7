package org.seg4j.data.instance;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferUShort;
import java.awt.image.Raster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.ImageFiles;
import org.seg4j.data.LabelMask;
import org.seg4j.data.MaskReader;
import org.seg4j.data.PngFiles;

/**
 * The folder layout's instance annotations: beside each semantic mask {@code masks/<id>.png} a
 * 16-bit gray PNG {@code instances/<id>.png} holds an instance id per pixel (0 = none). The
 * annotation is {@link PanopticAnnotation#fromSemantic}: a (thing class, instance id) pair is one
 * instance, thing pixels with instance 0 are the class's crowd region, stuff pixels ignore the
 * instance id. Written instance ids are 1, 2, ... per image in segment order.
 */
public final class InstancePng {

    /** Folder of instance PNGs, beside {@code masks}. */
    public static final String FOLDER = "instances";

    private InstancePng() {}

    /** The instance PNG of a semantic mask file: {@code ../instances/<same name>}. */
    public static Path besideMask(Path maskFile) {
        Path dir = maskFile.toAbsolutePath().getParent();
        return dir.resolveSibling(FOLDER).resolve(maskFile.getFileName().toString());
    }

    /** Reads a gray PNG (16-bit, or 8-bit) as one integer per pixel, row-major. */
    public static int[] readIds(Path png) {
        BufferedImage img = ImageFiles.decode(png, ImageFiles.DEFAULT_MAX_PIXELS);
        Raster r = img.getRaster();
        if (r.getNumBands() != 1) {
            throw new Seg4jException(png + ": an instance-id PNG must be 1-channel gray (16-bit), got "
                    + r.getNumBands() + " channels");
        }
        return r.getPixels(0, 0, img.getWidth(), img.getHeight(), (int[]) null);
    }

    /** Writes integers 0..65535 as a 16-bit gray PNG, atomically. */
    public static void writeIds(Path png, int[] ids, int width, int height) {
        BufferedImage img;
        try {
            img = idImage(ids, width, height);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(png + ": " + e.getMessage(), e);
        }
        PngFiles.write(png, img);
    }

    /** Integers 0..65535, row-major, as a 16-bit gray image (what {@link #writeIds} writes). */
    public static BufferedImage idImage(int[] ids, int width, int height) {
        if (ids.length != width * height) {
            throw new IllegalArgumentException(ids.length + " instance ids for a " + width + "x" + height + " image");
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
        short[] d = ((DataBufferUShort) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] > 0xFFFF) {
                throw new IllegalArgumentException("instance id " + ids[i] + " does not fit 16 bits");
            }
            d[i] = (short) ids[i];
        }
        return img;
    }

    /** Reads the annotation of a semantic mask and the instance PNG beside it. */
    public static PanopticAnnotation read(Path maskFile, MaskReader masks) {
        return read(maskFile, masks.read(maskFile), masks.classes());
    }

    /**
     * The annotation of {@code maskFile}, whose class map {@code semantic} was already read, with
     * the instance PNG beside it; errors name the files.
     */
    public static PanopticAnnotation read(Path maskFile, LabelMask semantic, ClassMeta classes) {
        Path png = besideMask(maskFile);
        if (!Files.isRegularFile(png)) {
            throw new Seg4jException(maskFile + ": no instance PNG " + png + " beside it");
        }
        int[] ids = readIds(png);
        if (ids.length != semantic.data().length) {
            throw new Seg4jException(png + ": size differs from its semantic mask " + maskFile);
        }
        try {
            return PanopticAnnotation.fromSemantic(semantic, ids, classes);
        } catch (IllegalArgumentException e) {
            throw new Seg4jException(maskFile + ": " + e.getMessage(), e);
        }
    }

    /** Writes the semantic mask (8-bit index PNG) and the instance PNG beside it. */
    public static void write(Path maskFile, PanopticAnnotation a, ClassMeta classes) {
        PngFiles.writeIndexMask(maskFile, a.classMask());
        writeInstances(maskFile, a, classes);
    }

    /** Writes only the instance PNG beside {@code maskFile} (the mask written elsewhere). */
    public static void writeInstances(Path maskFile, PanopticAnnotation a, ClassMeta classes) {
        Map<Integer, Integer> instanceOf = new HashMap<>();
        for (Segment s : a.segments()) {
            if (classes.isThing(s.classId()) && !s.crowd()) {
                instanceOf.put(s.id(), instanceOf.size() + 1);
            }
        }
        int[] ids = new int[a.width() * a.height()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = instanceOf.getOrDefault(a.ids()[i], 0);
        }
        writeIds(besideMask(maskFile), ids, a.width(), a.height());
    }
}
