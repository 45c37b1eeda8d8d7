package org.seg4j.data.convert;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.LabelMask;
import org.seg4j.util.Json;

/**
 * Imports a folder of LabelMe JSON files into index masks. Each file names its image
 * ({@code imagePath}, relative to the JSON file), its size ({@code imageWidth},
 * {@code imageHeight}) and its {@code shapes}: {@code polygon} (3+ points) and {@code rectangle}
 * (two corners) are supported. Shapes are drawn in file order, so later shapes lie on top, as in
 * LabelMe. Classes: a given class list (labels are matched by name), or else {@code background}
 * followed by every label found, sorted by name. JSON files with neither {@code shapes} nor
 * {@code imagePath} are not LabelMe files and are skipped (e.g. the {@code coco.json} that
 * {@code seg4j predict --format labelme,coco} writes next to the LabelMe files).
 */
public final class LabelMeImporter {

    private final List<Path> files;
    private final ClassMeta classes;

    private LabelMeImporter(List<Path> files, ClassMeta classes) {
        this.files = files;
        this.classes = classes;
    }

    /**
     * Lists the JSON files of {@code dir} and settles the class list.
     *
     * @param classes the class list, or {@code null} to derive it from the labels
     */
    public static LabelMeImporter read(Path dir, ClassMeta classes) {
        if (!Files.isDirectory(dir)) {
            throw new Seg4jException(dir + ": LabelMe folder not found");
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json"))
                    .sorted().filter(LabelMeImporter::isLabelMe).toList();
        } catch (IOException e) {
            throw new Seg4jException(dir + ": cannot list folder: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new Seg4jException(dir + ": no LabelMe .json files");
        }
        if (classes == null) {
            TreeSet<String> labels = new TreeSet<>();
            for (Path f : files) {
                parse(f).path("shapes").forEach(sh -> labels.add(sh.path("label").asText()));
            }
            labels.remove("background");
            List<String> names = new ArrayList<>(List.of("background"));
            names.addAll(labels);
            int[][] colours = new int[names.size()][];
            for (int i = 0; i < colours.length; i++) {
                colours[i] = ClassMeta.vocColour(i);
            }
            classes = ClassMeta.of(names.toArray(String[]::new), colours, 255);
        }
        return new LabelMeImporter(files, classes);
    }

    /** The class list used. */
    public ClassMeta classes() {
        return classes;
    }

    /** Writes every annotated image and its mask; returns how many. */
    public int writeTo(LayoutWriter writer, String split) {
        for (Path f : files) {
            JsonNode root = parse(f);
            Path image = f.getParent().resolve(root.path("imagePath").asText());
            if (root.path("imagePath").asText().isEmpty() || !Files.isRegularFile(image)) {
                throw new Seg4jException(f + ": image '" + root.path("imagePath").asText() + "' not found next to it");
            }
            writer.write(split, CocoImporter.stem(image.getFileName().toString()), image, mask(f, root));
        }
        return files.size();
    }

    /** The index mask of one LabelMe file. */
    LabelMask mask(Path f, JsonNode root) {
        int w = root.path("imageWidth").asInt();
        int h = root.path("imageHeight").asInt();
        if (w <= 0 || h <= 0) {
            throw new Seg4jException(f + ": needs positive imageWidth and imageHeight");
        }
        LabelMask mask = LabelMask.filled(w, h, 0);
        int k = 0;
        for (JsonNode shape : root.path("shapes")) {
            String where = f + ": shape " + k++;
            String label = shape.path("label").asText();
            int cls = classes.idOf(label);
            if (cls < 0) {
                throw new Seg4jException(where + ": label '" + label + "' is not in the class list " + classes.names());
            }
            JsonNode pts = shape.path("points");
            String type = shape.path("shape_type").asText("polygon");
            double[] xy;
            if (type.equals("rectangle")) {
                if (pts.size() != 2) {
                    throw new Seg4jException(where + ": a rectangle needs 2 points, got " + pts.size());
                }
                double ax = pts.get(0).get(0).asDouble();
                double ay = pts.get(0).get(1).asDouble();
                double bx = pts.get(1).get(0).asDouble();
                double by = pts.get(1).get(1).asDouble();
                xy = new double[] {ax, ay, bx, ay, bx, by, ax, by};
            } else if (type.equals("polygon")) {
                if (pts.size() < 3) {
                    throw new Seg4jException(where + ": a polygon needs at least 3 points, got " + pts.size());
                }
                xy = new double[pts.size() * 2];
                for (int i = 0; i < pts.size(); i++) {
                    xy[2 * i] = pts.get(i).get(0).asDouble();
                    xy[2 * i + 1] = pts.get(i).get(1).asDouble();
                }
            } else {
                throw new Seg4jException(where + ": shape_type '" + type + "' is not supported (polygon, rectangle)");
            }
            PolygonRasterizer.fill(mask, xy, cls);
        }
        return mask;
    }

    private static boolean isLabelMe(Path f) {
        JsonNode root = parse(f);
        return root.has("shapes") || root.has("imagePath");
    }

    private static JsonNode parse(Path f) {
        try {
            JsonNode n = Json.JSON.readTree(f.toFile());
            if (n == null || !n.isObject()) {
                throw new Seg4jException(f + ": not a LabelMe JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new Seg4jException(f + ": cannot read LabelMe JSON: " + e.getMessage(), e);
        }
    }
}
