package org.seg4j.cli;

import java.util.List;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.infer.instance.ComponentInstances;
import picocli.CommandLine.Option;

/**
 * {@code --method components} and its options: instances from a semantic model's class map,
 * shared by {@code predict} and {@code eval}.
 */
final class ComponentOptions {

    @Option(names = "--method", defaultValue = "semantic", description = "semantic (class masks only) or "
            + "components: also instances, each connected region of a thing class one instance (predict: "
            + "<stem>_instances.png (16-bit), <stem>_instances_overlay.png, panoptic/<stem>.png + panoptic.json; "
            + "eval: PQ/SQ/RQ and mask AP) (default: ${DEFAULT-VALUE}).")
    String method = "semantic";

    @Option(names = "--min-area", defaultValue = "1",
            description = "components: drop instances and stuff regions under this many pixels (default: ${DEFAULT-VALUE}).")
    int minArea = 1;

    @Option(names = "--split-touching", description = "components: split touching objects by a distance-transform "
            + "watershed.")
    boolean splitTouching;

    @Option(names = "--min-distance", defaultValue = "5",
            description = "components with --split-touching: least distance in pixels between two objects' centres "
                    + "(default: ${DEFAULT-VALUE}).")
    int minDistance = 5;

    @Option(names = "--peak-threshold", defaultValue = "2", description = "components with --split-touching: least "
            + "distance to the edge, in pixels, of an object's centre (default: ${DEFAULT-VALUE}).")
    double peakThreshold = 2;

    @Option(names = "--things", split = ",", description = "components: the classes with instances (default: those "
            + "marked isthing in the model's classes.yaml).")
    List<String> things = List.of();

    /** Whether instances are asked for; a --method other than semantic or components is an error. */
    boolean components() {
        if (!method.equals("semantic") && !method.equals("components")) {
            throw new Seg4jException("--method must be semantic or components, got '" + method + "'");
        }
        return method.equals("components");
    }

    /** Refuses --method components for a model that predicts instances itself. */
    void requireSemantic(Object model, String kind) {
        if (components()) {
            throw new Seg4jException("--method " + method + " is for semantic models; " + model + " is a " + kind
                    + ", which predicts instances itself");
        }
    }

    /** The model's classes with --things applied; at least one thing class or an error naming --things. */
    ClassMeta classes(ClassMeta modelClasses) {
        ClassMeta classes = modelClasses;
        if (!things.isEmpty()) {
            try {
                classes = modelClasses.withThings(things);
            } catch (IllegalArgumentException e) {
                throw new Seg4jException("--things: " + e.getMessage(), e);
            }
        }
        for (int c = 0; c < classes.numClasses(); c++) {
            if (classes.isThing(c)) {
                return classes;
            }
        }
        throw new Seg4jException("--method components: the model's classes mark no thing class (isthing); "
                + "name the classes with instances with --things, e.g. --things " + classes.name(classes.numClasses() - 1));
    }

    /** The instance finder for these classes (from {@link #classes}); bad values name the problem. */
    ComponentInstances build(ClassMeta classes) {
        try {
            return ComponentInstances.builder().setClasses(classes).optMinArea(minArea)
                    .optSplitTouching(splitTouching).optMinDistance(minDistance).optPeakThreshold(peakThreshold)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new Seg4jException(e.getMessage(), e);
        }
    }
}
