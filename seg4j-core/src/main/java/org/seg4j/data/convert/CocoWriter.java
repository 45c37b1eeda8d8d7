package org.seg4j.data.convert;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.polygon.Keyhole;
import org.seg4j.data.polygon.Region;
import org.seg4j.util.Json;

/**
 * Collects regions of many images into one COCO annotation file: category {@code c + 1} per class
 * {@code c} (COCO ids start at 1) named after the class, one image entry per image, and one
 * annotation ({@code iscrowd} 0) per region with its pixel count as {@code area}, its bounding box
 * and one polygon. COCO reads a list of polygons as their union, so holes are cut into the outline
 * by {@link Keyhole}: pycocotools and {@link CocoImporter} fill such a polygon with its holes empty.
 * Not thread-safe.
 */
public final class CocoWriter {

    private final ClassMeta classes;
    private final ArrayNode images = Json.JSON.createArrayNode();
    private final ArrayNode annotations = Json.JSON.createArrayNode();

    /** A writer for the classes of {@code classes}. */
    public CocoWriter(ClassMeta classes) {
        this.classes = classes;
    }

    /**
     * Adds one image and its regions.
     *
     * @param fileName the image's {@code file_name}, relative to the image folder
     */
    public void add(String fileName, int width, int height, List<Region> regions) {
        int imageId = images.size() + 1;
        ObjectNode img = images.addObject();
        img.put("id", imageId);
        img.put("file_name", fileName);
        img.put("width", width);
        img.put("height", height);
        for (Region r : regions) {
            ObjectNode a = annotations.addObject();
            a.put("id", annotations.size());
            a.put("image_id", imageId);
            a.put("category_id", r.classId() + 1);
            ArrayNode poly = a.putArray("segmentation").addArray();
            for (int v : Keyhole.join(r.outer(), r.holes())) {
                poly.add(v);
            }
            a.put("area", r.pixels());
            int[] b = r.bounds();
            a.putArray("bbox").add(b[0]).add(b[1]).add(b[2]).add(b[3]);
            a.put("iscrowd", 0);
        }
    }

    /** Number of images added. */
    public int size() {
        return images.size();
    }

    /** The COCO document of everything added so far. */
    public ObjectNode toJson() {
        ObjectNode root = Json.JSON.createObjectNode();
        root.putObject("info").put("description", "seg4j predictions");
        root.set("images", images.deepCopy());
        root.set("annotations", annotations.deepCopy());
        ArrayNode cats = root.putArray("categories");
        for (int c = 0; c < classes.numClasses(); c++) {
            cats.addObject().put("id", c + 1).put("name", classes.name(c)).put("supercategory", "");
        }
        return root;
    }

    /** Writes {@link #toJson} to {@code file}, atomically. */
    public void write(Path file) {
        Json.writeJson(file, toJson());
    }
}
