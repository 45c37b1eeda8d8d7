package org.seg4j.data.instance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.PngFiles;
import org.seg4j.data.RgbImage;
import org.seg4j.util.Json;

/**
 * Writes COCO panoptic annotations (see {@link CocoPanoptic}): one RGB PNG per image into a folder
 * and, on {@link #finish()}, the JSON with {@code images}, {@code annotations} (segments with
 * {@code area} and {@code bbox} counted from the pixels) and {@code categories} (id = class id + 1).
 * Segments without pixels are left out, as a reader would reject them. Files are written atomically.
 */
public final class CocoPanopticWriter {

    private final Path json;
    private final Path pngFolder;
    private final ClassMeta classes;
    private final ArrayNode images = JsonNodeFactory.instance.arrayNode();
    private final ArrayNode annotations = JsonNodeFactory.instance.arrayNode();

    /** A writer of {@code json} and the PNGs in {@code pngFolder}. */
    public CocoPanopticWriter(Path json, Path pngFolder, ClassMeta classes) {
        this.json = json;
        this.pngFolder = pngFolder;
        this.classes = classes;
    }

    /**
     * Writes one image's PNG and records its entry.
     *
     * @param fileName the PNG's name in the folder, e.g. {@code 0001.png}
     */
    public synchronized void add(long imageId, String fileName, PanopticAnnotation a) {
        ObjectNode ann = annotation(imageId, fileName, a, classes); // checks the classes before any file is written
        PngFiles.writeRgb(pngFolder.resolve(fileName), png(a));
        ObjectNode image = images.addObject();
        image.put("id", imageId);
        image.put("file_name", fileName);
        image.put("width", a.width());
        image.put("height", a.height());
        annotations.add(ann);
    }

    /** The COCO panoptic PNG of {@code a}: segment id {@code = R + 256 G + 256^2 B} per pixel, 0 void. */
    public static RgbImage png(PanopticAnnotation a) {
        RgbImage img = RgbImage.blank(a.width(), a.height());
        for (int y = 0; y < a.height(); y++) {
            for (int x = 0; x < a.width(); x++) {
                img.setRgb(x, y, CocoPanoptic.idToRgb(a.id(x, y)));
            }
        }
        return img;
    }

    /**
     * The {@code annotations} entry of one image: {@code image_id}, {@code file_name} and {@code
     * segments_info} (id, category id = class id + 1, crowd flag, area and box counted from the
     * pixels; segments without pixels left out).
     *
     * @throws IllegalArgumentException when a segment's class is not one of {@code classes}
     */
    public static ObjectNode annotation(long imageId, String fileName, PanopticAnnotation a, ClassMeta classes) {
        ObjectNode ann = JsonNodeFactory.instance.objectNode();
        ann.put("image_id", imageId);
        ann.put("file_name", fileName);
        ArrayNode segs = ann.putArray("segments_info");
        for (Segment s : a.segments()) {
            if (s.classId() >= classes.numClasses()) {
                throw new IllegalArgumentException("image " + imageId + ": segment " + s.id() + " has class "
                        + s.classId() + ", but there are " + classes.numClasses() + " classes");
            }
            if (a.area(s.id()) == 0) {
                continue;
            }
            ObjectNode n = segs.addObject();
            n.put("id", s.id());
            n.put("category_id", CocoCategories.categoryId(s.classId()));
            n.put("iscrowd", s.crowd() ? 1 : 0);
            n.put("area", a.area(s.id()));
            ArrayNode box = n.putArray("bbox");
            for (int v : a.box(s.id())) {
                box.add(v);
            }
        }
        return ann;
    }

    /** The {@code categories} of {@code classes}: id = class id + 1, name, {@code isthing}, colour. */
    public static ArrayNode categories(ClassMeta classes) {
        return CocoCategories.write(classes);
    }

    /** Writes the JSON file. */
    public synchronized void finish() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("images", images);
        root.set("annotations", annotations);
        root.set("categories", CocoCategories.write(classes));
        Json.writeJson(json, root);
    }
}
