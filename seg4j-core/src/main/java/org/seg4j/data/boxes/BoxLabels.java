package org.seg4j.data.boxes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.util.Json;

/**
 * The boxes of a data set split, as read from and written to a box-label file (JSON):
 *
 * <pre>
 * {
 *   "format": "seg4j-boxes/1",
 *   "classes": ["sky", "building", ...],
 *   "images": {
 *     "0001TP_006690": {"width": 480, "height": 360,
 *                       "boxes": [{"class": "car", "box": [12, 200, 96, 260]}, ...]}
 *   }
 * }
 * </pre>
 *
 * <p>Images are keyed by sample id (the image's file stem). A box is {@code [x0, y0, x1, y1]} in
 * pixels of the full-size image, {@code x1} and {@code y1} exclusive. {@code class} is a class name
 * from {@code classes} (or its id as a number). An image listed with no boxes has no labelled
 * pixel; an image of the split that is not listed is an error when training.
 *
 * @param classes the class names, indexed by id
 * @param images per sample id, its size and boxes
 */
public record BoxLabels(List<String> classes, Map<String, ImageBoxes> images) {

    /** The value of the {@code format} field. */
    public static final String FORMAT = "seg4j-boxes/1";

    /**
     * The boxes of one image.
     *
     * @param width image width
     * @param height image height
     * @param boxes its boxes
     */
    public record ImageBoxes(int width, int height, List<Box> boxes) {
        public ImageBoxes {
            boxes = List.copyOf(boxes);
        }
    }

    public BoxLabels {
        classes = List.copyOf(classes);
        images = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(images));
    }

    /** Total number of boxes. */
    public int boxCount() {
        return images.values().stream().mapToInt(b -> b.boxes().size()).sum();
    }

    /** Throws unless the class names are those of {@code meta}, in order. */
    public void checkClasses(ClassMeta meta, Path file) {
        if (!classes.equals(meta.names())) {
            throw new Seg4jException(file + ": box classes " + classes + " differ from the data set's "
                    + meta.names());
        }
    }

    /** Writes the file as JSON, atomically. */
    public void write(Path file) {
        ObjectNode root = Json.JSON.createObjectNode();
        root.put("format", FORMAT);
        ArrayNode names = root.putArray("classes");
        classes.forEach(names::add);
        ObjectNode imgs = root.putObject("images");
        for (Map.Entry<String, ImageBoxes> e : images.entrySet()) {
            ObjectNode img = imgs.putObject(e.getKey());
            img.put("width", e.getValue().width());
            img.put("height", e.getValue().height());
            ArrayNode list = img.putArray("boxes");
            for (Box b : e.getValue().boxes()) {
                ObjectNode box = list.addObject();
                box.put("class", classes.get(b.classId()));
                box.putArray("box").add(b.x0()).add(b.y0()).add(b.x1()).add(b.y1());
            }
        }
        Json.writeJson(file, root);
    }

    /** Reads a box-label file; every problem names the file and the image. */
    public static BoxLabels read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new Seg4jException(file + ": box-label file not found");
        }
        JsonNode root;
        try {
            root = Json.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new Seg4jException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.path("classes").isArray() || !root.path("images").isObject()) {
            throw new Seg4jException(file + ": a box-label file needs \"classes\": [...] and \"images\": {...}");
        }
        List<String> classes = new ArrayList<>();
        root.get("classes").forEach(n -> classes.add(n.asText()));
        Map<String, ImageBoxes> images = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("images").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            images.put(e.getKey(), image(file, e.getKey(), e.getValue(), classes));
        }
        return new BoxLabels(classes, images);
    }

    private static ImageBoxes image(Path file, String id, JsonNode node, List<String> classes) {
        int w = node.path("width").asInt(0);
        int h = node.path("height").asInt(0);
        if (w <= 0 || h <= 0) {
            throw new Seg4jException(file + ": image " + id + " needs a positive width and height");
        }
        List<Box> boxes = new ArrayList<>();
        int k = 0;
        for (JsonNode b : node.path("boxes")) {
            String where = file + ": image " + id + ", box " + k++;
            JsonNode cls = b.path("class");
            int c = cls.isInt() ? cls.asInt() : classes.indexOf(cls.asText());
            if (c < 0 || c >= classes.size()) {
                throw new Seg4jException(where + ": unknown class '" + cls.asText() + "'; classes: " + classes);
            }
            JsonNode xy = b.path("box");
            if (!xy.isArray() || xy.size() != 4) {
                throw new Seg4jException(where + ": \"box\" must be [x0, y0, x1, y1]");
            }
            int x0 = xy.get(0).asInt();
            int y0 = xy.get(1).asInt();
            int x1 = xy.get(2).asInt();
            int y1 = xy.get(3).asInt();
            if (x0 < 0 || y0 < 0 || x1 > w || y1 > h || x1 <= x0 || y1 <= y0) {
                throw new Seg4jException(where + ": box [" + x0 + ", " + y0 + ", " + x1 + ", " + y1
                        + "] is empty or outside the " + w + "x" + h + " image");
            }
            boxes.add(new Box(c, x0, y0, x1, y1));
        }
        return new ImageBoxes(w, h, boxes);
    }
}
