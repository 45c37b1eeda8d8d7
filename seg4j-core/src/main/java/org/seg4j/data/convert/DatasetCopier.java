package org.seg4j.data.convert;

import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.seg4j.data.LabelMask;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.layout.DatasetEntry;

/**
 * Copies the samples of opened splits into a {@link LayoutWriter}: images as files, masks as read
 * (so layout-specific encodings such as Cityscapes label ids are converted to class ids). Never
 * writes into the source.
 */
public final class DatasetCopier {

    private DatasetCopier() {}

    /**
     * Copies the samples of {@code ds} whose id {@code keep} accepts (in parallel).
     *
     * @return the number of samples copied
     */
    public static int copy(SegmentationDataset ds, LayoutWriter writer, Predicate<String> keep) {
        if (writer.root().toAbsolutePath().normalize().startsWith(ds.root().toAbsolutePath().normalize())) {
            throw new org.seg4j.Seg4jException(writer.root() + ": the output folder lies inside the source data set "
                    + ds.root() + "; choose a folder outside it");
        }
        return (int) IntStream.range(0, ds.size()).parallel()
                .filter(i -> keep.test(ds.id(i)))
                .peek(i -> {
                    DatasetEntry e = ds.entries().get(i);
                    LabelMask mask = e.mask() == null ? null : ds.loadMask(i);
                    writer.write(ds.split(), e.id(), e.image(), mask);
                })
                .count();
    }
}
