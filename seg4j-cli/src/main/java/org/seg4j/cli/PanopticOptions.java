package org.seg4j.cli;

import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.infer.instance.CenterGrouping;
import picocli.CommandLine.Option;

/** The grouping options of panoptic models, shared by {@code predict} and {@code eval}. */
final class PanopticOptions {

    @Option(names = "--min-score", defaultValue = "0.1", description = "Panoptic models: least centre heat-map value "
            + "of an instance, which is its score (default: ${DEFAULT-VALUE}).")
    double minScore;

    @Option(names = "--stuff-area", defaultValue = "2048", description = "Panoptic models: stuff segments under this "
            + "many pixels become void (default: ${DEFAULT-VALUE}, Panoptic-DeepLab's at 1024x2048).")
    int stuffArea;

    /** The centre grouping with these options; bad values name the options. */
    CenterGrouping grouping(ClassMeta classes) {
        try {
            return CenterGrouping.builder().setClasses(classes).optThreshold(minScore).optStuffArea(stuffArea).build();
        } catch (IllegalArgumentException e) {
            throw new Seg4jException("--min-score / --stuff-area: " + e.getMessage(), e);
        }
    }
}
