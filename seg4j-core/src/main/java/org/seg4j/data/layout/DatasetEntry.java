package org.seg4j.data.layout;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One sample of a data set split as a layout lists it. The files are where the layout expects
 * them; whether they exist is checked when the sample is loaded or validated.
 *
 * @param id sample id, the image's file stem
 * @param image the image file
 * @param mask the mask file (expected location), or {@code null} when the split has no masks at
 *     all (an unlabelled test split, for example)
 */
public record DatasetEntry(String id, Path image, Path mask) {

    public DatasetEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(image, "image");
    }
}
