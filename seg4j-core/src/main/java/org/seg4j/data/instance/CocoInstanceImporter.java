package org.seg4j.data.instance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassInfo;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.convert.LayoutWriter;
import org.seg4j.data.convert.MaskFormat;
import org.seg4j.data.layout.FolderLayout;

/**
 * Imports a COCO instance file into the folder layout keeping the instances: {@code masks/}
 * with {@code background} (class 0, stuff: every pixel no annotation covers) and the categories
 * (things unless the file says {@code isthing: 0}; coloured with the Pascal VOC palette, as the
 * semantic import does), and {@code instances/} beside them. Unlike the semantic import
 * ({@link org.seg4j.data.convert.CocoImporter}), crowd regions stay their class, as crowd (instance
 * 0). Overlapping instances follow {@link CocoInstances}' rule (an error naming both).
 */
public final class CocoInstanceImporter {

    private CocoInstanceImporter() {}

    /**
     * Writes every image, its mask and its instances.
     *
     * @param imageDir the folder holding the images' {@code file_name}s
     * @return the number of images written
     */
    public static int importTo(Path json, Path imageDir, Path out, String split) {
        ClassMeta categories = CocoInstances.classes(json);
        List<ClassInfo> list = new ArrayList<>(List.of(new ClassInfo(0, "background", 0, 0, 0)));
        for (ClassInfo c : categories.classes()) {
            int[] rgb = ClassMeta.vocColour(c.id() + 1);
            list.add(new ClassInfo(c.id() + 1, c.name(), rgb[0], rgb[1], rgb[2], c.isThing()));
        }
        ClassMeta classes;
        try {
            classes = new ClassMeta(list, 255);
        } catch (IllegalArgumentException e) {
            throw new Seg4jException(json + ": " + e.getMessage(), e);
        }
        LayoutWriter writer = new LayoutWriter(out, "folder", classes, MaskFormat.INDEX);
        Path maskDir = (FolderLayout.ALL.equals(split) ? out : out.resolve(split)).resolve("masks");
        for (CocoInstances.Image im : CocoInstances.read(json)) {
            Path image = imageDir.resolve(im.fileName());
            if (!Files.isRegularFile(image)) {
                throw new Seg4jException(json + ": image " + im.fileName() + " not found in " + imageDir);
            }
            String stem = Path.of(im.fileName()).getFileName().toString().replaceFirst("\\.[^.]+$", "");
            PanopticAnnotation a = withBackground(im.annotation());
            writer.write(split, stem, image, a.classMask());
            InstancePng.writeInstances(maskDir.resolve(stem + ".png"), a, classes);
        }
        return writer.finish();
    }

    /** Classes shifted by one, uncovered pixels a background segment of class 0. */
    static PanopticAnnotation withBackground(PanopticAnnotation a) {
        List<Segment> segments = new ArrayList<>();
        int background = 1;
        for (Segment s : a.segments()) {
            segments.add(new Segment(s.id(), s.classId() + 1, s.crowd()));
            background = Math.max(background, s.id() + 1);
        }
        int[] ids = a.ids().clone();
        boolean any = false;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == 0) {
                ids[i] = background;
                any = true;
            }
        }
        if (any) {
            segments.add(new Segment(background, 0, false));
        }
        return new PanopticAnnotation(a.width(), a.height(), ids, segments);
    }
}
