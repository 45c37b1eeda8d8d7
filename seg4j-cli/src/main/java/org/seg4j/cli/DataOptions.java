package org.seg4j.cli;

import java.nio.file.Path;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.DatasetOptions;
import org.seg4j.data.SegmentationDataset;
import picocli.CommandLine.Option;

/** The options that name a data set, shared by the commands that read one. */
final class DataOptions {

    @Option(names = "--data", required = true, description = "Data set root folder.")
    Path root;

    @Option(names = "--layout", description = "Folder layout: folder, camvid, voc or cityscapes (detected when omitted).")
    String layout;

    @Option(names = "--skip-bad", description = "Skip unreadable or inconsistent samples and list them, "
            + "instead of stopping at the first.")
    boolean skipBad;

    /** Opens one split, printing how the layout was chosen and what was skipped. */
    SegmentationDataset open(String split, ClassMeta classesOverride) {
        return open(split, classesOverride, true);
    }

    /** Opens one split; {@code requireMasks} false accepts a split without masks. */
    SegmentationDataset open(String split, ClassMeta classesOverride, boolean requireMasks) {
        DatasetOptions.Builder b = DatasetOptions.builder().optSkipBad(skipBad).optRequireMasks(requireMasks);
        if (classesOverride != null) {
            b.optClasses(classesOverride);
        }
        SegmentationDataset ds = SegmentationDataset.open(root, layout, split, b.build());
        if (layout == null) {
            System.err.println("seg4j: data layout: " + ds.layout().name() + " (" + ds.layoutReason() + ")");
        }
        ds.validationReport().filter(r -> !r.isClean()).ifPresent(r -> System.err.println(r));
        return ds;
    }
}
