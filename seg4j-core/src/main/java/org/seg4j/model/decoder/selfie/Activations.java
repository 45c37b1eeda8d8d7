package org.seg4j.model.decoder.selfie;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.seg4j.model.layer.HardActivations;

/** The activations of MobileNetV3 that DJL lacks. */
final class Activations {

    /** How a unit's output is activated. */
    enum Kind {
        RELU,
        HARD_SWISH
    }

    private Activations() {}

    /** {@link HardActivations#hardSwish}, TFLite's {@code HARD_SWISH}. */
    static NDArray hardSwish(NDArray x) {
        return HardActivations.hardSwish(x);
    }

    static NDArray apply(Kind kind, NDArray x) {
        return kind == Kind.RELU ? Activation.relu(x) : hardSwish(x);
    }
}
