package org.seg4j.data.layout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.seg4j.Seg4jException;
import org.seg4j.data.ImageFiles;

/** Lists the image files of a folder by file stem; shared by the layouts. */
final class ImageListing {

    private ImageListing() {}

    /**
     * The image files directly in {@code dir} (hidden files and other extensions skipped), sorted by
     * stem. Two images with the same stem are an error, since masks are matched by stem.
     */
    static Map<String, Path> byStem(Path dir) {
        Map<String, Path> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith(".") || !ImageFiles.isImageName(f) || !Files.isRegularFile(f)) {
                    continue;
                }
                Path previous = out.putIfAbsent(stem(f), f);
                if (previous != null) {
                    throw new Seg4jException(dir + ": two files with the stem '" + stem(f) + "' ("
                            + previous.getFileName() + ", " + name + "); images and masks are matched by stem");
                }
            }
        } catch (IOException e) {
            throw new Seg4jException(dir + ": cannot list folder (" + e.getMessage() + ")", e);
        }
        return out;
    }

    /** The file name without its last extension. */
    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The image file with this stem in {@code dir}, trying the known extensions in order. */
    static Optional<Path> find(Path dir, String stem) {
        for (String ext : ImageFiles.EXTENSIONS) {
            for (String e : new String[] {ext, ext.toUpperCase(Locale.ROOT)}) {
                Path p = dir.resolve(stem + "." + e);
                if (Files.isRegularFile(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** The sub-folders of {@code dir} (not hidden) for which {@code test} holds, sorted by name. */
    static List<String> subfolders(Path dir, Predicate<Path> test) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isDirectory)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(test)
                    .map(p -> p.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new Seg4jException(dir + ": cannot list folder (" + e.getMessage() + ")", e);
        }
    }
}
