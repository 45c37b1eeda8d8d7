package org.seg4j.model.layer;

/**
 * A block with convolution + batch norm pairs that can be folded for inference: the batch norm's
 * affine map {@code gamma * (y - mean) / sqrt(var + eps) + beta} is merged into the convolution's
 * weights and bias, so inference runs one convolution instead of a convolution and a normalisation
 * pass. Training forward passes always use the unfolded layers. See {@link BatchNormFolding}.
 */
public interface BatchNormFoldable {

    /**
     * Computes the folded weights from the current parameters (replacing earlier ones) and makes
     * inference forward passes use them; returns the number of folded pairs.
     */
    int foldBatchNorm();

    /** Frees the folded weights; inference uses the original layers again. */
    void unfoldBatchNorm();

    /** Whether folded weights are in use. */
    boolean isBatchNormFolded();
}
