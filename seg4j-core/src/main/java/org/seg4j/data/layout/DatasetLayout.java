package org.seg4j.data.layout;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.seg4j.data.ClassMeta;

/**
 * A way of arranging images and masks on disk. Implementations are stateless: every method takes
 * the data set's root folder. Errors in the folder structure throw
 * {@link org.seg4j.Seg4jException} with a message that names the folder and what was expected.
 */
public interface DatasetLayout {

    /** Registry name, e.g. {@code camvid}. */
    String name();

    /** One line describing the expected structure, for help and error messages. */
    String description();

    /**
     * Whether {@code root} looks like this layout.
     *
     * @return a one-line explanation of what was found (for the CLI), or empty if it does not match
     */
    Optional<String> recognize(Path root);

    /** The split names available under {@code root}, sorted. */
    List<String> splits(Path root);

    /** The samples of a split, sorted by id. Throws if the split does not exist. */
    List<DatasetEntry> entries(Path root, String split);

    /** The class list this layout implies when there is no {@code classes.yaml}, if any. */
    Optional<ClassMeta> builtInClasses();

    /**
     * How stored mask values map to labels in {@code split}, when not the identity on class ids: 256
     * entries, the label of each value ({@link org.seg4j.data.LabelMask#IGNORE} for void, -1 for an
     * invalid value). Empty (the default) when the masks store class ids.
     */
    default Optional<int[]> maskValueMap(Path root, String split) {
        return Optional.empty();
    }

    /**
     * Mask files of {@code split} that belong to no image (a "missing partner"); empty by default
     * for layouts that list samples from a file rather than from folders.
     */
    default List<Path> orphanMasks(Path root, String split) {
        return List.of();
    }
}
