package org.seg4j.data.layout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.seg4j.Seg4jException;

/** The known layouts by name, and detection of the layout of a folder. */
public final class DatasetLayouts {

    /** In detection order: the most specific structure first. */
    private static final List<DatasetLayout> ALL = List.of(new VocLayout(), new CityscapesLayout(), new CamVidLayout(), new FolderLayout());

    private DatasetLayouts() {}

    /** All layouts, in detection order. */
    public static List<DatasetLayout> all() {
        return ALL;
    }

    /** The registry names: {@code voc, cityscapes, camvid, folder}. */
    public static List<String> names() {
        return ALL.stream().map(DatasetLayout::name).toList();
    }

    /** The layout with this name (case-insensitive); throws listing the valid names otherwise. */
    public static DatasetLayout byName(String name) {
        String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        return ALL.stream()
                .filter(l -> l.name().equals(key))
                .findFirst()
                .orElseThrow(() -> new Seg4jException("unknown data set layout '" + name + "'; valid layouts: "
                        + String.join(", ", names())));
    }

    /** The layout of {@code root} and a one-line explanation; throws when no layout matches. */
    public static LayoutDetection detect(Path root) {
        if (!Files.isDirectory(root)) {
            throw new Seg4jException(root + ": data set folder not found");
        }
        for (DatasetLayout layout : ALL) {
            Optional<String> reason = layout.recognize(root);
            if (reason.isPresent()) {
                return new LayoutDetection(layout, reason.get());
            }
        }
        StringBuilder expected = new StringBuilder();
        for (DatasetLayout layout : ALL) {
            expected.append(expected.length() == 0 ? "" : "; ").append(layout.name()).append(": ")
                    .append(layout.description());
        }
        throw new Seg4jException(root + ": no known data set layout found" + hintForSubfolder(root)
                + "; expected one of " + expected);
    }

    /** Users often point at the folder above the data set (VOCdevkit instead of VOC2012, say). */
    private static String hintForSubfolder(Path root) {
        for (String sub : ImageListing.subfolders(root, p -> true)) {
            for (DatasetLayout layout : ALL) {
                if (layout.recognize(root.resolve(sub)).isPresent()) {
                    return " (but " + root.resolve(sub) + " looks like the " + layout.name() + " layout)";
                }
            }
        }
        return "";
    }
}
