package org.seg4j.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

/**
 * Initialises the 3x3 convolution of a {@link SubPixelUpsample} so that the block starts as the
 * bilinear upsampling of channel {@code c} into channel {@code c} (other channel pairs zero), as
 * FCN initialises its transposed convolutions: learning starts from a sensible interpolation
 * instead of noise.
 *
 * <p>The weights are those of FCN's bilinear transposed convolution (kernel {@code 2s}, stride
 * {@code s}, padding {@code s/2}) rearranged: output sub-pixel {@code (ry, rx)} of input position
 * {@code q} reads inputs {@code q + d}, {@code d} in -1..1, with transposed-kernel index {@code r +
 * s/2 - d s}.
 */
final class BilinearInitializer implements Initializer {

    private final int factor;

    BilinearInitializer(int factor) {
        this.factor = factor;
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        int s = factor;
        int outChannels = (int) shape.get(0);
        int inChannels = (int) shape.get(1);
        if (shape.dimension() != 4 || shape.get(2) != 3 || shape.get(3) != 3 || outChannels % (s * s) != 0) {
            throw new IllegalArgumentException(
                    "bilinear sub-pixel initialisation needs shape (c*s*s, in, 3, 3), got " + shape);
        }
        int channels = outChannels / (s * s);
        float[] w = new float[outChannels * inChannels * 9];
        for (int c = 0; c < Math.min(channels, inChannels); c++) {
            for (int ry = 0; ry < s; ry++) {
                for (int rx = 0; rx < s; rx++) {
                    int out = (c * s + ry) * s + rx;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            float v = tap(ry + s / 2 - dy * s) * tap(rx + s / 2 - dx * s);
                            w[((out * inChannels + c) * 3 + dy + 1) * 3 + dx + 1] = v;
                        }
                    }
                }
            }
        }
        return manager.create(w, shape).toType(dataType, false);
    }

    /** FCN's 1-D bilinear filter of length {@code 2 * factor} at index {@code k}, 0 outside. */
    private float tap(int k) {
        if (k < 0 || k >= 2 * factor) {
            return 0;
        }
        double center = factor - 0.5;
        return (float) (1 - Math.abs(k - center) / factor);
    }
}
