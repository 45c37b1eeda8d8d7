package org.seg4j.data.layout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;

/**
 * Pascal VOC segmentation: {@code JPEGImages/<id>.jpg}, {@code SegmentationClass/<id>.png}
 * (palette PNGs whose indices are the classes, 255 = void) and the split lists
 * {@code ImageSets/Segmentation/<split>.txt} with one id per line. Classes default to
 * {@link ClassMeta#voc()}.
 */
public final class VocLayout implements DatasetLayout {

    static final String IMAGES = "JPEGImages";
    static final String MASKS = "SegmentationClass";
    static final String LISTS = "ImageSets/Segmentation";

    @Override
    public String name() {
        return "voc";
    }

    @Override
    public String description() {
        return "JPEGImages/ + SegmentationClass/ + ImageSets/Segmentation/<split>.txt (Pascal VOC)";
    }

    @Override
    public Optional<String> recognize(Path root) {
        if (Files.isDirectory(root.resolve(IMAGES)) && Files.isDirectory(root.resolve(LISTS))) {
            return Optional.of("found JPEGImages/ and ImageSets/Segmentation/"
                    + (Files.isDirectory(root.resolve(MASKS)) ? " and SegmentationClass/" : "")
                    + ": Pascal VOC layout");
        }
        return Optional.empty();
    }

    @Override
    public List<String> splits(Path root) {
        Path lists = root.resolve(LISTS);
        if (!Files.isDirectory(lists)) {
            return List.of();
        }
        try (var files = Files.list(lists)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".txt") && !n.startsWith("."))
                    .map(n -> n.substring(0, n.length() - 4))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new Seg4jException(lists + ": cannot list folder (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public List<DatasetEntry> entries(Path root, String split) {
        Path list = root.resolve(LISTS).resolve(split + ".txt");
        if (!Files.isRegularFile(list)) {
            throw new Seg4jException(list + ": split list not found; available splits: "
                    + String.join(", ", splits(root)));
        }
        Set<String> ids = new LinkedHashSet<>();
        try {
            for (String line : Files.readAllLines(list)) {
                String id = line.strip().split("\\s+")[0];
                if (!id.isEmpty() && !id.startsWith("#")) {
                    ids.add(id);
                }
            }
        } catch (IOException e) {
            throw new Seg4jException(list + ": cannot read split list (" + e.getMessage() + ")", e);
        }
        Path images = root.resolve(IMAGES);
        Path masks = root.resolve(MASKS);
        boolean hasMasks = Files.isDirectory(masks);
        List<DatasetEntry> out = new ArrayList<>();
        for (String id : ids.stream().sorted().toList()) {
            Path image = ImageListing.find(images, id).orElse(images.resolve(id + ".jpg"));
            out.add(new DatasetEntry(id, image, hasMasks ? masks.resolve(id + ".png") : null));
        }
        return out;
    }

    @Override
    public Optional<ClassMeta> builtInClasses() {
        return Optional.of(ClassMeta.voc());
    }
}
