package org.seg4j.data.instance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.ImageFiles;
import org.seg4j.data.RgbImage;
import org.seg4j.util.Json;

/**
 * Reads COCO panoptic annotations: a JSON file ({@code categories} with {@code isthing};
 * {@code annotations}, one per image, with {@code file_name} and {@code segments_info} giving each
 * segment's {@code id}, {@code category_id} and {@code iscrowd}) and a folder of RGB PNGs whose
 * pixels store the segment id as R + 256·G + 256²·B, 0 for void. Class ids follow
 * {@link CocoCategories}. Every id in a PNG needs a {@code segments_info} entry and every entry
 * pixels in its PNG; either mismatch is an error naming both files. Write with
 * {@link CocoPanopticWriter}.
 */
public final class CocoPanoptic {

    /** One image's entry. */
    public record Entry(long imageId, String fileName, List<JsonNode> segmentsInfo) {}

    private final Path json;
    private final Path pngFolder;
    private final CocoCategories categories;
    private final List<Entry> entries;

    private CocoPanoptic(Path json, Path pngFolder, CocoCategories categories, List<Entry> entries) {
        this.json = json;
        this.pngFolder = pngFolder;
        this.categories = categories;
        this.entries = entries;
    }

    /**
     * Reads the JSON file; PNGs are read by {@link #annotation}.
     *
     * @param pngFolder the folder of the PNGs ({@code panopticapi}'s default: the JSON's path without {@code .json})
     */
    public static CocoPanoptic read(Path json, Path pngFolder) {
        JsonNode root;
        try {
            root = Json.JSON.readTree(json.toFile());
        } catch (IOException e) {
            throw new Seg4jException(json + ": cannot read COCO panoptic JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.path("annotations").isArray()) {
            throw new Seg4jException(json + ": not a COCO panoptic file (needs \"annotations\" and \"categories\")");
        }
        CocoCategories cats = CocoCategories.read(root.path("categories"), json, false);
        List<Entry> entries = new ArrayList<>();
        for (JsonNode a : root.get("annotations")) {
            List<JsonNode> segs = new ArrayList<>();
            a.path("segments_info").forEach(segs::add);
            if (!a.path("file_name").isTextual()) {
                throw new Seg4jException(json + ": annotation of image " + a.path("image_id").asText()
                        + " has no file_name");
            }
            entries.add(new Entry(a.path("image_id").asLong(), a.get("file_name").asText(), segs));
        }
        return new CocoPanoptic(json, pngFolder, cats, List.copyOf(entries));
    }

    /** The classes of the categories. */
    public ClassMeta classes() {
        return categories.classes();
    }

    /** The image entries, in file order. */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * The index of the entry of an image id, as panopticapi pairs ground truth and prediction.
     *
     * @throws Seg4jException if the file has no entry for it
     */
    public int indexOf(long imageId) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).imageId() == imageId) {
                return i;
            }
        }
        throw new Seg4jException(json + ": no annotation for image id " + imageId);
    }

    /** Reads and checks the annotation of entry {@code index}. */
    public PanopticAnnotation annotation(int index) {
        Entry e = entries.get(index);
        Path png = pngFolder.resolve(e.fileName());
        if (!Files.isRegularFile(png)) {
            throw new Seg4jException(json + ": PNG " + e.fileName() + " of image " + e.imageId() + " not found in "
                    + pngFolder);
        }
        RgbImage img = ImageFiles.read(png);
        int[] ids = new int[img.width() * img.height()];
        Set<Integer> present = new HashSet<>();
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                int id = rgbToId(img.rgb(x, y));
                ids[y * img.width() + x] = id;
                if (id != 0) {
                    present.add(id);
                }
            }
        }
        List<Segment> segments = new ArrayList<>();
        Map<Integer, JsonNode> byId = new HashMap<>();
        for (JsonNode s : e.segmentsInfo()) {
            int id = s.path("id").asInt();
            String where = "segment " + id + " of image " + e.imageId();
            int cls = categories.classOf(s.path("category_id").asInt(), json, where);
            if (id == 0 || byId.put(id, s) != null) {
                throw new Seg4jException(json + ": " + where + ": segment ids must be unique and non-zero");
            }
            if (!present.contains(id)) {
                throw new Seg4jException(json + ": " + where + " has no pixels in " + png);
            }
            segments.add(new Segment(id, cls, s.path("iscrowd").asInt(0) == 1));
        }
        for (int id : present) {
            if (!byId.containsKey(id)) {
                int rgb = idToRgb(id);
                throw new Seg4jException(png + ": segment id " + id + " (RGB " + (rgb >> 16) + ", " + (rgb >> 8 & 0xFF)
                        + ", " + (rgb & 0xFF) + ") is missing from segments_info of image " + e.imageId() + " in "
                        + json);
            }
        }
        return new PanopticAnnotation(img.width(), img.height(), ids, segments);
    }

    /** The segment id of a packed {@code 0xRRGGBB} pixel: R + 256·G + 256²·B. */
    public static int rgbToId(int rgb) {
        return (rgb >> 16 & 0xFF) | (rgb & 0xFF00) | (rgb & 0xFF) << 16;
    }

    /** The packed {@code 0xRRGGBB} pixel of a segment id. */
    public static int idToRgb(int id) {
        return (id & 0xFF) << 16 | (id & 0xFF00) | (id >> 16 & 0xFF);
    }
}
