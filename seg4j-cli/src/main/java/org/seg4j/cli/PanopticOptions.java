package org.seg4j.cli;

import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.infer.instance.CenterGrouping;
import picocli.CommandLine.Option;

/** The grouping options of panoptic (and the score threshold of Mask R-CNN) models, shared by {@code predict} and {@code eval}. */
final class PanopticOptions {

    @Option(names = "--min-score", description = "Least score of an instance. Panoptic models: least centre heat-map "
            + "value, which is the score (default 0.1). Mask R-CNN: least detection score (default: predict 0.5, "
            + "eval 0, i.e. every detection the model gives, as COCO evaluation).")
    Double minScore;

    @Option(names = "--stuff-area", defaultValue = "2048", description = "Panoptic models: stuff segments under this "
            + "many pixels become void (default: ${DEFAULT-VALUE}, Panoptic-DeepLab's at 1024x2048).")
    int stuffArea;

    /** The centre grouping with these options; bad values name the options. */
    CenterGrouping grouping(ClassMeta classes) {
        try {
            return CenterGrouping.builder().setClasses(classes).optThreshold(minScore == null ? 0.1 : minScore).optStuffArea(stuffArea).build();
        } catch (IllegalArgumentException e) {
            throw new Seg4jException("--min-score / --stuff-area: " + e.getMessage(), e);
        }
    }
}
