package org.seg4j.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.seg4j.Seg4jException;

/**
 * PSPNet's pyramid pooling module (Zhao et al., 2017): for each bin count {@code b} the feature is
 * adaptively average-pooled to {@code b x b} ({@link AdaptivePool}, exact for any size), reduced
 * by a 1x1 conv + BN + ReLU, and upsampled bilinearly back; the input and all branches are
 * concatenated. PSPNet and Fast-SCNN use it.
 *
 * <p>Deviation: the {@code 1 x 1} bin has a biased 1x1 convolution and no batch norm, because
 * PyTorch's batch norm cannot train on one value per channel (a batch of one image).
 */
public final class PyramidPooling extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int[] bins;
    private final int inChannels;
    private final int branchWidth;
    private final Block[] branches;

    /**
     * @param inChannels channels of the input feature
     * @param bins output sizes of the pooled maps (1, 2, 3, 6 in the paper)
     * @param branchWidth channels of each branch ({@code inChannels / bins.length} in the paper)
     */
    public PyramidPooling(int inChannels, int[] bins, int branchWidth) {
        super(VERSION);
        if (bins.length == 0 || branchWidth < 1) {
            throw new Seg4jException("pyramid pooling needs at least one bin and a positive branch width");
        }
        this.bins = bins.clone();
        this.inChannels = inChannels;
        this.branchWidth = branchWidth;
        this.branches = new Block[bins.length];
        for (int i = 0; i < bins.length; i++) {
            if (bins[i] < 1) {
                throw new Seg4jException("pyramid pooling bins must be at least 1, got " + bins[i]);
            }
            Block branch = bins[i] == 1
                    ? new SequentialBlock().add(Layers.conv1x1(branchWidth)).add(Activation.reluBlock())
                    : Layers.convBnRelu(branchWidth, 1);
            branches[i] = addChildBlock("bin" + bins[i], branch);
        }
    }

    /** Output sizes of the pooled maps, one per branch. */
    public int[] bins() {
        return bins.clone();
    }

    /** The branch (1x1 conv unit) applied to the map pooled to {@code bins()[i]}. */
    public Block branch(int i) {
        return branches[i];
    }

    /** Output channels: the input's plus one branch per bin. */
    public int outChannels() {
        return inChannels + bins.length * branchWidth;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        Shape s = x.getShape();
        NDList parts = new NDList(bins.length + 1);
        parts.add(x);
        for (int i = 0; i < bins.length; i++) {
            NDArray pooled = AdaptivePool.avg(x, bins[i], bins[i]);
            NDArray y = branches[i].forward(ps, new NDList(pooled), training, params).head();
            parts.add(Spatial.resize(y, Spatial.height(s), Spatial.width(s)));
        }
        return new NDList(NDArrays.concat(parts, 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), outChannels(), s.get(2), s.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (int i = 0; i < bins.length; i++) {
            branches[i].initialize(manager, dataType, Spatial.withSize(inputShapes[0], bins[i], bins[i]));
        }
    }
}
