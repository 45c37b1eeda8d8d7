package org.seg4j.data.instance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.convert.CocoSegmentation;
import org.seg4j.util.Json;

/**
 * COCO instance annotations (polygons or RLE) read as instance maps, one segment per annotation,
 * and written back as compressed RLE. Class ids follow the categories (see {@link CocoCategories};
 * categories without {@code isthing} are things).
 *
 * <p>The overlap rule: an instance map holds one segment per pixel, so crowd annotations are drawn
 * first and instances over them; two non-crowd annotations that share a pixel are an error naming
 * the file, the image and both annotation ids (as panopticapi's detection-to-panoptic converter
 * refuses them). Segment ids are 1, 2, ... in file order; {@link Image#annotationIds()} keeps
 * COCO's ids.
 */
public final class CocoInstances {

    /**
     * One image.
     *
     * @param annotationIds the COCO annotation id of each segment id
     */
    public record Image(long imageId, String fileName, PanopticAnnotation annotation, Map<Integer, Long> annotationIds) {}

    private CocoInstances() {}

    /** The classes of a COCO instance file's categories. */
    public static ClassMeta classes(Path json) {
        return CocoCategories.read(root(json).path("categories"), json, true).classes();
    }

    /** Reads every image's instances. */
    public static List<Image> read(Path json) {
        JsonNode root = root(json);
        CocoCategories cats = CocoCategories.read(root.path("categories"), json, true);
        Map<Long, List<JsonNode>> byImage = new LinkedHashMap<>();
        root.path("annotations").forEach(a -> byImage.computeIfAbsent(a.path("image_id").asLong(),
                k -> new ArrayList<>()).add(a));
        List<Image> out = new ArrayList<>();
        for (JsonNode img : root.path("images")) {
            out.add(image(json, cats, img, byImage.getOrDefault(img.path("id").asLong(), List.of())));
        }
        return out;
    }

    private static Image image(Path json, CocoCategories cats, JsonNode img, List<JsonNode> anns) {
        long imageId = img.path("id").asLong();
        int w = img.path("width").asInt();
        int h = img.path("height").asInt();
        if (w <= 0 || h <= 0) {
            throw new Seg4jException(json + ": image " + imageId + " needs a positive width and height");
        }
        int[] ids = new int[w * h];
        long[] owner = new long[w * h];
        boolean[] crowdPixel = new boolean[w * h];
        List<Segment> segments = new ArrayList<>();
        Map<Integer, Long> annIds = new LinkedHashMap<>();
        for (int pass = 0; pass < 2; pass++) { // crowd regions first, instances over them
            for (int k = 0; k < anns.size(); k++) {
                JsonNode a = anns.get(k);
                boolean crowd = a.path("iscrowd").asInt(0) == 1;
                if (crowd != (pass == 0)) {
                    continue;
                }
                long annId = a.path("id").asLong();
                String where = "annotation " + annId + " of image " + imageId;
                int cls = cats.classOf(a.path("category_id").asInt(), json, where);
                boolean[] on;
                try {
                    on = CocoSegmentation.decode(a.path("segmentation"), w, h);
                } catch (Seg4jException | IllegalArgumentException e) {
                    throw new Seg4jException(json + ": " + where + ": " + e.getMessage(), e);
                }
                int seg = k + 1;
                segments.add(new Segment(seg, cls, crowd));
                annIds.put(seg, annId);
                for (int i = 0; i < on.length; i++) {
                    if (!on[i]) {
                        continue;
                    }
                    if (!crowd && ids[i] != 0 && !crowdPixel[i]) {
                        throw new Seg4jException(json + ": " + where + " overlaps annotation " + owner[i] + " at ("
                                + i % w + ", " + i / w + "); an instance map holds one instance per pixel");
                    }
                    ids[i] = seg;
                    owner[i] = annId;
                    crowdPixel[i] = crowd;
                }
            }
        }
        java.util.Set<Integer> present = new java.util.HashSet<>();
        for (int v : ids) {
            present.add(v);
        }
        segments.removeIf(s -> !present.contains(s.id()));
        segments.sort(java.util.Comparator.comparingInt(Segment::id));
        annIds.keySet().retainAll(segments.stream().map(Segment::id).toList());
        return new Image(imageId, img.path("file_name").asText(), new PanopticAnnotation(w, h, ids, segments),
                annIds);
    }

    /**
     * Writes the thing segments of each image as COCO instances (compressed RLE; crowd regions with
     * {@code iscrowd: 1}), with categories for all classes (id = class id + 1, {@code isthing}).
     */
    public static void write(Path json, List<Image> images, ClassMeta classes) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode imgs = root.putArray("images");
        ArrayNode anns = root.putArray("annotations");
        long nextId = 1;
        for (Image im : images) {
            PanopticAnnotation a = im.annotation();
            ObjectNode n = imgs.addObject();
            n.put("id", im.imageId());
            n.put("file_name", im.fileName());
            n.put("width", a.width());
            n.put("height", a.height());
            for (Segment s : a.segments()) {
                if (!classes.isThing(s.classId()) || a.area(s.id()) == 0) {
                    continue;
                }
                ObjectNode ann = anns.addObject();
                ann.put("id", nextId++);
                ann.put("image_id", im.imageId());
                ann.put("category_id", CocoCategories.categoryId(s.classId()));
                ann.set("segmentation", CocoSegmentation.encode(a.mask(s.id()), a.width(), a.height()));
                ann.put("area", a.area(s.id()));
                ArrayNode box = ann.putArray("bbox");
                for (int v : a.box(s.id())) {
                    box.add(v);
                }
                ann.put("iscrowd", s.crowd() ? 1 : 0);
            }
        }
        root.set("categories", CocoCategories.write(classes));
        Json.writeJson(json, root);
    }

    private static JsonNode root(Path json) {
        JsonNode root;
        try {
            root = Json.JSON.readTree(json.toFile());
        } catch (IOException e) {
            throw new Seg4jException(json + ": cannot read COCO JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.path("images").isArray() || !root.path("categories").isArray()) {
            throw new Seg4jException(json + ": not a COCO annotation file (needs \"images\" and \"categories\")");
        }
        return root;
    }
}
