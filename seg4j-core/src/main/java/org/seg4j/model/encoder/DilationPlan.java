package org.seg4j.model.encoder;

import java.util.Arrays;
import org.seg4j.Seg4jException;

/**
 * Turns stage strides and a requested output stride into per-stage strides and dilations, as
 * torchvision's {@code replace_stride_with_dilation}: once the reduction reaches the output stride,
 * a stage keeps the resolution (stride 1) and multiplies the dilation by its stride instead. The
 * first unit of such a stage still uses the previous dilation ({@link #firstDilation}); the
 * following ones use the new one ({@link #dilation}).
 */
final class DilationPlan {

    private final int[] strides;
    private final int[] dilations;
    private final int[] firstDilations;
    private final int[] reductions;

    /**
     * @param encoder name for messages
     * @param stageStrides nominal stride of each stage (2 or 1)
     * @param outputStride requested largest reduction
     * @param allowed the output strides this encoder supports
     */
    DilationPlan(String encoder, int[] stageStrides, int outputStride, int... allowed) {
        if (Arrays.stream(allowed).noneMatch(a -> a == outputStride)) {
            throw new Seg4jException("encoder " + encoder + " supports output_stride " + Arrays.toString(allowed)
                    + ", got " + outputStride);
        }
        int n = stageStrides.length;
        strides = new int[n];
        dilations = new int[n];
        firstDilations = new int[n];
        reductions = new int[n];
        int reduction = 1;
        int dilation = 1;
        for (int i = 0; i < n; i++) {
            int s = stageStrides[i];
            firstDilations[i] = dilation;
            if (reduction * s > outputStride) {
                dilation *= s;
                strides[i] = 1;
            } else {
                reduction *= s;
                strides[i] = s;
            }
            dilations[i] = dilation;
            reductions[i] = reduction;
        }
    }

    /** Stride applied by stage {@code i} (1 where dilated). */
    int stride(int i) {
        return strides[i];
    }

    /** Dilation of stage {@code i}'s units after the first. */
    int dilation(int i) {
        return dilations[i];
    }

    /** Dilation of stage {@code i}'s first unit. */
    int firstDilation(int i) {
        return firstDilations[i];
    }

    /** Reduction of stage {@code i}'s output relative to the input. */
    int reduction(int i) {
        return reductions[i];
    }
}
