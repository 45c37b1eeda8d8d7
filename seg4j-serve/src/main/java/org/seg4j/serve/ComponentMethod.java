package org.seg4j.serve;

import java.util.List;
import org.seg4j.data.ClassMeta;
import org.seg4j.infer.instance.ComponentInstances;

/**
 * Instances for a semantic model by the classical method, as {@code predict --method components}:
 * each connected region of a thing class is one instance ({@link ComponentInstances}). Given to
 * {@link ModelSource#withComponents}, it makes a semantic model answer the instance and panoptic
 * formats too.
 *
 * <pre>{@code
 * ModelSource cells = ModelSource.parse("cells=runs/cells/model").withComponents(
 *         ComponentMethod.builder().optThings(List.of("cell")).optMinArea(20).optSplitTouching(true).build());
 * }</pre>
 */
public final class ComponentMethod {

    private final int minArea;
    private final boolean splitTouching;
    private final int minDistance;
    private final double peakThreshold;
    private final List<String> things;

    private ComponentMethod(Builder b) {
        this.minArea = b.minArea;
        this.splitTouching = b.splitTouching;
        this.minDistance = b.minDistance;
        this.peakThreshold = b.peakThreshold;
        this.things = List.copyOf(b.things);
    }

    /** A new builder; every option has {@code predict}'s default. */
    public static Builder builder() {
        return new Builder();
    }

    /** The thing classes named by {@link Builder#optThings}; empty: the model's {@code isthing} ones. */
    public List<String> things() {
        return things;
    }

    /**
     * The model's classes with {@link Builder#optThings} applied (see {@link
     * ComponentInstances#thingClasses}).
     *
     * @throws IllegalArgumentException if a named thing is not a class, or no class is a thing
     */
    ClassMeta classes(ClassMeta modelClasses) {
        return ComponentInstances.thingClasses(modelClasses, things);
    }

    /**
     * The instance finder for a model with {@code modelClasses}.
     *
     * @throws IllegalArgumentException as {@link #classes}, or for a bad option (naming it)
     */
    ComponentInstances instances(ClassMeta modelClasses) {
        return ComponentInstances.builder().setClasses(classes(modelClasses)).optMinArea(minArea)
                .optSplitTouching(splitTouching).optMinDistance(minDistance).optPeakThreshold(peakThreshold).build();
    }

    /** Builder: every option optional, with {@code predict}'s defaults. */
    public static final class Builder {

        private int minArea = 1;
        private boolean splitTouching;
        private int minDistance = 5;
        private double peakThreshold = 2.0;
        private List<String> things = List.of();

        private Builder() {}

        /** Least pixels of an instance or stuff segment, as {@code --min-area} (default 1: keep all). */
        public Builder optMinArea(int value) {
            this.minArea = value;
            return this;
        }

        /** Split touching objects by a distance-transform watershed, as {@code --split-touching}. */
        public Builder optSplitTouching(boolean value) {
            this.splitTouching = value;
            return this;
        }

        /** With splitting: least distance between two objects' centres, as {@code --min-distance} (default 5). */
        public Builder optMinDistance(int value) {
            this.minDistance = value;
            return this;
        }

        /** With splitting: least distance to the edge of an object's centre, as {@code --peak-threshold} (default 2). */
        public Builder optPeakThreshold(double value) {
            this.peakThreshold = value;
            return this;
        }

        /** The classes with instances, as {@code --things} (default: those marked {@code isthing}). */
        public Builder optThings(List<String> value) {
            this.things = value == null ? List.of() : value;
            return this;
        }

        /**
         * Checks the options that do not depend on the model (the classes are checked when the server
         * starts).
         *
         * @throws IllegalArgumentException naming the bad option
         */
        public ComponentMethod build() {
            // the same checks as ComponentInstances, on a stand-in class list with one thing
            ComponentInstances.builder().setClasses(STAND_IN).optMinArea(minArea).optMinDistance(minDistance)
                    .optPeakThreshold(peakThreshold).build();
            return new ComponentMethod(this);
        }

        private static final ClassMeta STAND_IN = ClassMeta.of(new String[] {"thing"}, new int[][] {{0, 0, 0}}, 255)
                .withThings(List.of("thing"));
    }
}
