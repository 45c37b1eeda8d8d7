package org.seg4j.cli;

import java.util.List;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.infer.instance.ComponentInstances;
import org.seg4j.serve.ComponentMethod;
import picocli.CommandLine.Option;

/**
 * {@code --method components} and its options: instances from a semantic model's class map, each
 * connected region of a thing class one instance. Shared by {@code predict} (instance files),
 * {@code eval} (PQ/SQ/RQ and mask AP) and {@code serve} (instance and panoptic formats).
 */
final class ComponentOptions {

    @Option(names = "--method", defaultValue = "semantic", description = "semantic (class masks only) or "
            + "components: also instances, each connected region of a thing class one instance (predict: "
            + "<stem>_instances.png (16-bit), <stem>_instances_overlay.png, panoptic/<stem>.png + panoptic.json; "
            + "eval: PQ/SQ/RQ and mask AP; serve: the formats instances, instance_ids, instance_overlay and panoptic) "
            + "(default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--min-area", defaultValue = "1",
            description = "components: drop instances and stuff regions under this many pixels (default: ${DEFAULT-VALUE}).")
    int minArea;

    @Option(names = "--split-touching", description = "components: split touching objects by a distance-transform "
            + "watershed.")
    boolean splitTouching;

    @Option(names = "--min-distance", defaultValue = "5",
            description = "components with --split-touching: least distance in pixels between two objects' centres "
                    + "(default: ${DEFAULT-VALUE}).")
    int minDistance;

    @Option(names = "--peak-threshold", defaultValue = "2", description = "components with --split-touching: least "
            + "distance to the edge, in pixels, of an object's centre (default: ${DEFAULT-VALUE}).")
    double peakThreshold;

    @Option(names = "--things", split = ",", description = "components: the classes with instances (default: those "
            + "marked isthing in the model's classes.yaml).")
    List<String> things = List.of();

    /**
     * True for {@code --method components}, false for {@code semantic}.
     *
     * @throws Seg4jException for any other method
     */
    boolean enabled() {
        if (!method.equals("semantic") && !method.equals("components")) {
            throw new Seg4jException("--method must be semantic or components, got '" + method + "'");
        }
        return method.equals("components");
    }

    /** Refuses {@code --method components} for a model that predicts instances itself. */
    void requireSemantic(Object model, String kind) {
        if (enabled()) {
            throw new Seg4jException("--method " + method + " is for semantic models; " + model + " is a " + kind
                    + ", which predicts instances itself");
        }
    }

    /** The method's name, e.g. {@code components}. */
    String method() {
        return method;
    }

    /** The model's classes with {@code --things} applied; refuses a model without a thing class. */
    ClassMeta classes(ClassMeta modelClasses) {
        try {
            return ComponentInstances.thingClasses(modelClasses, things);
        } catch (IllegalArgumentException e) {
            throw new Seg4jException(e.getMessage(), e);
        }
    }

    /** The instance finder for {@code classes} (from {@link #classes}); bad values name their option. */
    ComponentInstances instances(ClassMeta classes) {
        try {
            return ComponentInstances.builder().setClasses(classes).optMinArea(minArea)
                    .optSplitTouching(splitTouching).optMinDistance(minDistance).optPeakThreshold(peakThreshold)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new Seg4jException(e.getMessage(), e);
        }
    }

    /** What {@code serve} gives each model, or {@code null} for {@code --method semantic}. */
    ComponentMethod toServe() {
        if (!enabled()) {
            return null;
        }
        try {
            return ComponentMethod.builder().optMinArea(minArea).optSplitTouching(splitTouching)
                    .optMinDistance(minDistance).optPeakThreshold(peakThreshold).optThings(things).build();
        } catch (IllegalArgumentException e) {
            throw new Seg4jException(e.getMessage(), e);
        }
    }
}
