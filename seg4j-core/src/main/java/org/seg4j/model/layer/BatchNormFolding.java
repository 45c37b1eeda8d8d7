package org.seg4j.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;

/**
 * Folds batch norm into the preceding convolution for inference, over a whole block tree: every
 * {@link BatchNormFoldable} in it (the conv + BN units of seg4j's layers) switches to a single
 * convolution with weights {@code w * s} and bias {@code beta - mean * s (+ b * s)}, where {@code
 * s = gamma / sqrt(var + eps)}. Predictions are the same up to float rounding.
 *
 * <p>The folded weights are a snapshot of the parameters: fold after training or loading, and
 * fold again (or unfold) if the parameters change. Training forward passes are not affected.
 */
public final class BatchNormFolding {

    /** DJL's (and PyTorch's) default batch-norm epsilon, that of seg4j's conv + BN units unless they set another. */
    public static final float EPSILON = 1e-5f;

    private BatchNormFolding() {}

    /** Folds every foldable block in {@code root}'s tree; returns the number of folded pairs. */
    public static int fold(Block root) {
        int n = 0;
        if (root instanceof BatchNormFoldable f) {
            n += f.foldBatchNorm();
        }
        for (Pair<String, Block> child : root.getChildren()) {
            n += fold(child.getValue());
        }
        return n;
    }

    /** Undoes {@link #fold} on {@code root}'s tree. */
    public static void unfold(Block root) {
        if (root instanceof BatchNormFoldable f) {
            f.unfoldBatchNorm();
        }
        for (Pair<String, Block> child : root.getChildren()) {
            unfold(child.getValue());
        }
    }

    /** Whether any block in {@code root}'s tree is folded. */
    public static boolean isFolded(Block root) {
        if (root instanceof BatchNormFoldable f && f.isBatchNormFolded()) {
            return true;
        }
        for (Pair<String, Block> child : root.getChildren()) {
            if (isFolded(child.getValue())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A convolution with its batch norm folded in: weight and bias arrays owned by {@code manager}
     * and the convolution's geometry.
     */
    public record FoldedConv(NDArray weight, NDArray bias, Shape stride, Shape padding, Shape dilation, int groups) {

        /** Runs the folded convolution. */
        NDList forward(NDArray x) {
            return Conv2d.conv2d(x, weight, bias, stride, padding, dilation, groups);
        }
    }

    /**
     * Folds {@code norm} into {@code conv}, creating the arrays in {@code manager} (also used by
     * exporters that write the folded convolution to another format), with the default epsilon.
     */
    public static FoldedConv fold(Convolution conv, BatchNorm norm, NDManager manager) {
        return fold(conv, norm, EPSILON, manager);
    }

    /**
     * Folds {@code norm}, whose epsilon is {@code epsilon} (DJL's batch norm does not expose it), into
     * {@code conv}, creating the arrays in {@code manager}.
     */
    public static FoldedConv fold(Convolution conv, BatchNorm norm, float epsilon, NDManager manager) {
        NDArray w = param(conv, "weight");
        NDArray b = conv.isIncludeBias() ? param(conv, "bias") : null;
        float[] gamma = param(norm, "gamma").toFloatArray();
        float[] beta = param(norm, "beta").toFloatArray();
        float[] mean = param(norm, "runningMean").toFloatArray();
        float[] var = param(norm, "runningVar").toFloatArray();
        float[] bias = b == null ? null : b.toFloatArray();
        int c = gamma.length;
        float[] scale = new float[c];
        float[] shift = new float[c];
        for (int i = 0; i < c; i++) {
            scale[i] = (float) (gamma[i] / Math.sqrt(var[i] + (double) epsilon));
            shift[i] = beta[i] - mean[i] * scale[i] + (bias == null ? 0f : bias[i] * scale[i]);
        }
        Shape ws = w.getShape();
        // the product is attached to the manager of its first operand: the folding manager
        NDArray s = manager.create(scale, new Shape(c, 1, 1, 1));
        NDArray folded = s.mul(w);
        s.close();
        return new FoldedConv(folded, manager.create(shift), conv.getStride(), conv.getPadding(), conv.getDilation(),
                conv.getGroups() > 0 ? conv.getGroups() : 1);
    }

    private static NDArray param(Block block, String name) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            if (p.getKey().equals(name)) {
                if (!p.getValue().isInitialized()) {
                    throw new IllegalStateException("cannot fold batch norm: parameter " + name + " of " + block
                            + " is not initialised");
                }
                return p.getValue().getArray();
            }
        }
        throw new IllegalStateException(block.getClass().getSimpleName() + " has no parameter " + name);
    }
}
