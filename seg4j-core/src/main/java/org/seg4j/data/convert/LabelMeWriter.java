package org.seg4j.data.convert;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.polygon.MaskPolygons;
import org.seg4j.data.polygon.Region;
import org.seg4j.util.Json;

/**
 * Writes regions as a LabelMe JSON file (format version 5): one {@code polygon} shape per region,
 * labelled with its class name. LabelMe polygons have no holes, so a region's hole is not written
 * as such: the regions inside it are shapes of their own, and shapes come largest bounding box first
 * ({@link MaskPolygons}), so LabelMe, {@code labelme2voc} and {@link LabelMeImporter}, which draw
 * later shapes on top, put the hole's content back. {@code imageData} is null: LabelMe loads the
 * image from {@code imagePath}.
 */
public final class LabelMeWriter {

    /** The LabelMe format version written. */
    public static final String VERSION = "5.2.1";

    private LabelMeWriter() {}

    /**
     * The LabelMe document of one image.
     *
     * @param regions the regions, in drawing order
     * @param imagePath the image, relative to the JSON file's folder
     */
    public static ObjectNode toJson(List<Region> regions, ClassMeta classes, String imagePath, int width,
            int height) {
        ObjectNode root = Json.JSON.createObjectNode();
        root.put("version", VERSION);
        root.putObject("flags");
        ArrayNode shapes = root.putArray("shapes");
        for (Region r : regions) {
            ObjectNode shape = shapes.addObject();
            shape.put("label", classes.name(r.classId()));
            ArrayNode points = shape.putArray("points");
            int[] ring = r.outer();
            for (int i = 0; i < ring.length; i += 2) {
                points.addArray().add(ring[i]).add(ring[i + 1]);
            }
            shape.putNull("group_id");
            shape.put("description", "");
            shape.put("shape_type", "polygon");
            shape.putObject("flags");
        }
        root.put("imagePath", imagePath);
        root.putNull("imageData");
        root.put("imageHeight", height);
        root.put("imageWidth", width);
        return root;
    }

    /** Writes {@link #toJson} to {@code file}, atomically. */
    public static void write(Path file, List<Region> regions, ClassMeta classes, String imagePath, int width,
            int height) {
        Json.writeJson(file, toJson(regions, classes, imagePath, width, height));
    }
}
