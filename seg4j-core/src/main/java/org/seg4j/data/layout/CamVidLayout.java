package org.seg4j.data.layout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;

/**
 * The SegNet distribution of CamVid: {@code train/} + {@code trainannot/}, {@code val/} +
 * {@code valannot/}, {@code test/} + {@code testannot/}, masks with the same file names as the
 * images, gray values 0..10 and 11 for void. Classes default to {@link ClassMeta#camvid()}.
 */
public final class CamVidLayout implements DatasetLayout {

    private static final List<String> SPLITS = List.of("test", "train", "val");

    @Override
    public String name() {
        return "camvid";
    }

    @Override
    public String description() {
        return "train/ + trainannot/, val/ + valannot/, test/ + testannot/ (SegNet's CamVid)";
    }

    @Override
    public Optional<String> recognize(Path root) {
        List<String> found = SPLITS.stream()
                .filter(s -> Files.isDirectory(root.resolve(s)) && Files.isDirectory(root.resolve(s + "annot")))
                .map(s -> s + "/ + " + s + "annot/")
                .toList();
        return found.isEmpty()
                ? Optional.empty()
                : Optional.of("found " + String.join(", ", found) + ": CamVid layout");
    }

    @Override
    public List<String> splits(Path root) {
        return SPLITS.stream().filter(s -> Files.isDirectory(root.resolve(s))).toList();
    }

    @Override
    public List<DatasetEntry> entries(Path root, String split) {
        if (!SPLITS.contains(split)) {
            throw new Seg4jException(root + ": CamVid has no split '" + split + "'; its splits are "
                    + String.join(", ", SPLITS));
        }
        if (!Files.isDirectory(root.resolve(split))) {
            throw new Seg4jException(root + ": split '" + split + "' not found (no " + split + "/ folder);"
                    + " available: " + String.join(", ", splits(root)));
        }
        return FolderLayout.pairs(root.resolve(split), root.resolve(split + "annot"));
    }

    @Override
    public List<Path> orphanMasks(Path root, String split) {
        return FolderLayout.orphans(root.resolve(split), root.resolve(split + "annot"));
    }

    @Override
    public Optional<ClassMeta> builtInClasses() {
        return Optional.of(ClassMeta.camvid());
    }
}
