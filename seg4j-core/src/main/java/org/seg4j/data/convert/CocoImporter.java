package org.seg4j.data.convert;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.LabelMask;
import org.seg4j.util.Json;

/**
 * Imports a COCO instance-annotation file into index masks. Classes: {@code background} (id 0,
 * every pixel no annotation covers), then the COCO categories in the order of their ids, coloured
 * with the Pascal VOC palette. Each annotation is drawn with its category's id, the largest first
 * so that smaller objects lying on larger ones stay visible; {@code iscrowd} regions are void.
 * Segmentations may be polygons or RLE (see {@link CocoSegmentation}). This flattens instances
 * into classes; {@code org.seg4j.data.instance.CocoInstances} keeps them.
 */
public final class CocoImporter {

    private final Path file;
    private final ClassMeta classes;
    private final Map<Integer, Integer> categoryToClass;
    private final List<JsonNode> images;
    private final Map<Long, List<JsonNode>> annotations;

    private CocoImporter(Path file, ClassMeta classes, Map<Integer, Integer> categoryToClass, List<JsonNode> images,
            Map<Long, List<JsonNode>> annotations) {
        this.file = file;
        this.classes = classes;
        this.categoryToClass = categoryToClass;
        this.images = images;
        this.annotations = annotations;
    }

    /** Reads and checks the annotation file. */
    public static CocoImporter read(Path file) {
        JsonNode root;
        try {
            root = Json.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new Seg4jException(file + ": cannot read COCO JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.path("images").isArray() || !root.path("categories").isArray()) {
            throw new Seg4jException(file + ": not a COCO annotation file (needs \"images\" and \"categories\")");
        }
        List<JsonNode> cats = new ArrayList<>();
        root.get("categories").forEach(cats::add);
        cats.sort(Comparator.comparingInt(c -> c.path("id").asInt()));
        List<String> names = new ArrayList<>(List.of("background"));
        Map<Integer, Integer> catToClass = new LinkedHashMap<>();
        for (JsonNode c : cats) {
            catToClass.put(c.path("id").asInt(), names.size());
            names.add(c.path("name").asText("category_" + c.path("id").asInt()).replace(' ', '_'));
        }
        if (names.size() > 255) {
            throw new Seg4jException(file + ": " + cats.size() + " categories; index masks hold at most 254");
        }
        int[][] colours = new int[names.size()][];
        for (int i = 0; i < colours.length; i++) {
            colours[i] = ClassMeta.vocColour(i);
        }
        List<JsonNode> images = new ArrayList<>();
        root.get("images").forEach(images::add);
        Map<Long, List<JsonNode>> anns = new LinkedHashMap<>();
        root.path("annotations").forEach(a -> anns.computeIfAbsent(a.path("image_id").asLong(), k -> new ArrayList<>())
                .add(a));
        return new CocoImporter(file, ClassMeta.of(names.toArray(String[]::new), colours, 255), catToClass, images,
                anns);
    }

    /** The class list: background, then the categories. */
    public ClassMeta classes() {
        return classes;
    }

    /**
     * Writes every image and its mask.
     *
     * @param imageDir the folder holding the images' {@code file_name}s
     * @return the number of images written
     */
    public int writeTo(LayoutWriter writer, Path imageDir, String split) {
        for (JsonNode img : images) {
            String name = img.path("file_name").asText();
            Path image = imageDir.resolve(name);
            if (!Files.isRegularFile(image)) {
                throw new Seg4jException(file + ": image " + name + " not found in " + imageDir);
            }
            String id = stem(Path.of(name).getFileName().toString());
            writer.write(split, id, image, mask(img));
        }
        return images.size();
    }

    /** The index mask of one image entry. */
    LabelMask mask(JsonNode img) {
        int w = img.path("width").asInt();
        int h = img.path("height").asInt();
        long imageId = img.path("id").asLong();
        if (w <= 0 || h <= 0) {
            throw new Seg4jException(file + ": image " + imageId + " needs a positive width and height");
        }
        LabelMask mask = LabelMask.filled(w, h, 0);
        List<JsonNode> anns = new ArrayList<>(annotations.getOrDefault(imageId, List.of()));
        anns.sort(Comparator.comparingDouble((JsonNode a) -> a.path("area").asDouble(0)).reversed());
        for (JsonNode a : anns) {
            Integer cls = categoryToClass.get(a.path("category_id").asInt());
            String where = file + ": annotation " + a.path("id").asText() + " of image " + imageId;
            if (cls == null) {
                throw new Seg4jException(where + ": unknown category_id " + a.path("category_id").asText());
            }
            int label = a.path("iscrowd").asInt(0) == 1 ? LabelMask.IGNORE : cls;
            boolean[] on;
            try {
                on = CocoSegmentation.decode(a.path("segmentation"), w, h);
            } catch (Seg4jException | IllegalArgumentException e) {
                throw new Seg4jException(where + ": " + e.getMessage(), e);
            }
            byte[] d = mask.data();
            for (int i = 0; i < on.length; i++) {
                if (on[i]) {
                    d[i] = (byte) label;
                }
            }
        }
        return mask;
    }

    static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
