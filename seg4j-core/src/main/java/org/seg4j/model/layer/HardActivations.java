package org.seg4j.model.layer;

import ai.djl.ndarray.NDArray;

/**
 * MobileNetV3's piecewise-linear activations (Howard et al., 2019), which DJL lacks, computed in
 * the order of PyTorch's CPU kernels ({@code clamp(x + 3, 0, 6) / 6}) so that results agree to the
 * last bit where the kernels do. Their gradients follow from the composition and are PyTorch's
 * everywhere except exactly at the kinks.
 */
public final class HardActivations {

    private HardActivations() {}

    /** {@code relu6(x + 3) / 6}, PyTorch's {@code F.hardsigmoid}. */
    public static NDArray hardSigmoid(NDArray x) {
        return Scalars.div(x.add(3f).clip(0f, 6f), 6f);
    }

    /** {@code x * relu6(x + 3) / 6}, PyTorch's {@code F.hardswish} and TFLite's {@code HARD_SWISH}. */
    public static NDArray hardSwish(NDArray x) {
        return Scalars.div(x.mul(x.add(3f).clip(0f, 6f)), 6f);
    }
}
