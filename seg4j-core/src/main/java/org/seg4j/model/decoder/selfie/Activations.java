package org.seg4j.model.decoder.selfie;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import org.seg4j.model.layer.Scalars;

/** The activations of MobileNetV3 that DJL lacks. */
final class Activations {

    /** How a unit's output is activated. */
    enum Kind {
        RELU,
        HARD_SWISH
    }

    private Activations() {}

    /** {@code x * relu6(x + 3) / 6} (Howard et al., 2019), TFLite's {@code HARD_SWISH}. */
    static NDArray hardSwish(NDArray x) {
        return Scalars.div(x.mul(x.add(3f).clip(0f, 6f)), 6f);
    }

    static NDArray apply(Kind kind, NDArray x) {
        return kind == Kind.RELU ? Activation.relu(x) : hardSwish(x);
    }
}
