package org.seg4j.data.layout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;

/**
 * Plain folders of images and masks matched by file stem ({@code .png}, {@code .jpg},
 * {@code .jpeg} or {@code .bmp}, in any combination):
 *
 * <pre>
 * DIR/images/a.jpg  DIR/masks/a.png          one split, named "all"
 * DIR/train/images/ DIR/train/masks/         splits: every sub-folder holding an images/ folder
 * DIR/val/images/   DIR/val/masks/
 * </pre>
 *
 * <p>An unsplit folder has exactly one split, {@value #ALL}; asking it for {@code train} or
 * {@code val} is an error rather than silently training and validating on the same images. There
 * are no built-in classes: the folder needs a {@code classes.yaml}.
 */
public final class FolderLayout implements DatasetLayout {

    /** The name of the only split of a folder without split sub-folders. */
    public static final String ALL = "all";

    static final String IMAGES = "images";
    static final String MASKS = "masks";

    @Override
    public String name() {
        return "folder";
    }

    @Override
    public String description() {
        return "images/ + masks/ matched by file stem, optionally inside split folders (train/images/, ...)";
    }

    @Override
    public Optional<String> recognize(Path root) {
        if (Files.isDirectory(root.resolve(IMAGES))) {
            String masks = Files.isDirectory(root.resolve(MASKS)) ? "images/ and masks/" : "images/ (no masks/)";
            return Optional.of("found " + masks + " directly inside: folder layout with one split, '" + ALL + "'");
        }
        List<String> splits = splitFolders(root);
        if (!splits.isEmpty()) {
            return Optional.of("found " + String.join(", ", splits.stream().map(s -> s + "/images/").toList())
                    + ": folder layout with splits " + String.join(", ", splits));
        }
        return Optional.empty();
    }

    @Override
    public List<String> splits(Path root) {
        return isUnsplit(root) ? List.of(ALL) : splitFolders(root);
    }

    @Override
    public List<DatasetEntry> entries(Path root, String split) {
        if (isUnsplit(root)) {
            if (!ALL.equals(split)) {
                throw new Seg4jException(root + ": this folder data set has no splits (images/ and masks/ are"
                        + " directly inside), so there is no split '" + split + "'; use split '" + ALL
                        + "' or arrange it as " + split + "/images/ + " + split + "/masks/");
            }
            return pairs(root.resolve(IMAGES), root.resolve(MASKS));
        }
        List<String> splits = splitFolders(root);
        if (splits.isEmpty()) {
            throw new Seg4jException(root + ": no images/ folder and no split folders with images/ inside");
        }
        if (!splits.contains(split)) {
            throw new Seg4jException(root + ": no split '" + split + "' (no " + split
                    + "/images/ folder); available splits: " + String.join(", ", splits));
        }
        Path dir = root.resolve(split);
        return pairs(dir.resolve(IMAGES), dir.resolve(MASKS));
    }

    @Override
    public Optional<ClassMeta> builtInClasses() {
        return Optional.empty();
    }

    @Override
    public List<Path> orphanMasks(Path root, String split) {
        Path dir = isUnsplit(root) ? root : root.resolve(split);
        return orphans(dir.resolve(IMAGES), dir.resolve(MASKS));
    }

    /** Mask files of {@code maskDir} with no image of the same stem in {@code imageDir}. */
    static List<Path> orphans(Path imageDir, Path maskDir) {
        if (!Files.isDirectory(maskDir) || !Files.isDirectory(imageDir)) {
            return List.of();
        }
        Map<String, Path> images = ImageListing.byStem(imageDir);
        return ImageListing.byStem(maskDir).entrySet().stream()
                .filter(e -> !images.containsKey(e.getKey()))
                .map(Map.Entry::getValue)
                .toList();
    }

    private static boolean isUnsplit(Path root) {
        return Files.isDirectory(root.resolve(IMAGES));
    }

    private static List<String> splitFolders(Path root) {
        return ImageListing.subfolders(root, p -> Files.isDirectory(p.resolve(IMAGES)));
    }

    /** Images of {@code imageDir} with the mask of the same stem in {@code maskDir}. */
    public static List<DatasetEntry> pairs(Path imageDir, Path maskDir) {
        boolean hasMasks = Files.isDirectory(maskDir);
        Map<String, Path> masks = hasMasks ? ImageListing.byStem(maskDir) : Map.of();
        List<DatasetEntry> out = new ArrayList<>();
        for (Map.Entry<String, Path> e : ImageListing.byStem(imageDir).entrySet()) {
            Path mask = hasMasks ? masks.getOrDefault(e.getKey(), maskDir.resolve(e.getKey() + ".png")) : null;
            out.add(new DatasetEntry(e.getKey(), e.getValue(), mask));
        }
        return out;
    }
}
