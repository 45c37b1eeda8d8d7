package org.seg4j.serve;

import java.util.Locale;

/**
 * What a served model predicts, which decides the formats it answers: a class map ({@code
 * semantic}), a class map and instances ({@code panoptic}, e.g. Panoptic-DeepLab, or a semantic
 * model served with {@link ComponentMethod}), or instances only ({@code instance}, Mask R-CNN).
 */
enum ModelTask {
    SEMANTIC, PANOPTIC, INSTANCE;

    /** The name clients see, e.g. {@code panoptic}. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when the model gives a class per pixel. */
    boolean hasClassMap() {
        return this != INSTANCE;
    }

    /** True when the model gives instances. */
    boolean hasInstances() {
        return this != SEMANTIC;
    }
}
