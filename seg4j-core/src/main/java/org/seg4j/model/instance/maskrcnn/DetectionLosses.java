package org.seg4j.model.instance.maskrcnn;

import ai.djl.ndarray.NDArray;
import org.seg4j.model.layer.Scalars;

/**
 * The loss terms of Mask R-CNN, as torchvision defines them. Constant factors go through
 * {@link Scalars} because these arrays are differentiated.
 */
final class DetectionLosses {

    /** torchvision's smooth-L1 beta for box regression. */
    static final float BETA = 1f / 9;

    private DetectionLosses() {}

    /** Sum of smooth L1: {@code 0.5 d²/beta} under beta, {@code |d| - 0.5 beta} above. */
    static NDArray smoothL1Sum(NDArray prediction, NDArray target) {
        NDArray d = prediction.sub(target).abs();
        NDArray small = d.lt(BETA).toType(d.getDataType(), false);
        NDArray quadratic = Scalars.mul(d.mul(d), 0.5f / BETA);
        NDArray linear = d.sub(0.5f * BETA);
        return quadratic.mul(small).add(linear.mul(small.neg().add(1f))).sum();
    }

    /** Mean binary cross-entropy of logits against targets in [0, 1], in the numerically stable form. */
    static NDArray bceWithLogits(NDArray logits, NDArray targets) {
        NDArray loss = ai.djl.nn.Activation.relu(logits).sub(logits.mul(targets)).add(logits.abs().neg().exp().add(1f).log());
        return loss.mean();
    }

    /** Mean softmax cross-entropy of {@code [K, C]} logits against one-hot labels {@code [K, C]}. */
    static NDArray crossEntropy(NDArray logits, NDArray oneHot) {
        return Scalars.div(logits.logSoftmax(1).mul(oneHot).sum().neg(), logits.getShape().get(0));
    }
}
