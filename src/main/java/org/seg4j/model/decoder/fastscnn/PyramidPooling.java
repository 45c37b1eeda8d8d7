package org.seg4j.model.decoder.fastscnn;

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
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.seg4j.model.layer.Layers;
import org.seg4j.model.layer.Spatial;

/**
 * The pyramid pooling module of PSPNet (Zhao et al., 2017) as Fast-SCNN uses it: the input is
 * average-pooled to {@code b x b} bins for each {@code b} in 1, 2, 3, 6, each pooled map is
 * projected to a quarter of the channels (1x1 conv + BN + ReLU; for the 1x1 bin, which has a
 * single value per channel and image, a 1x1 conv with bias + ReLU, so that training works with a
 * batch of one) and bilinearly resized back; the
 * input and the four maps are concatenated and fused by a 1x1 conv + BN + ReLU.
 *
 * <p>The bins use PyTorch's adaptive average pooling ({@link JniUtils#adaptiveAvgPool}),
 * which handles maps whose size is not a multiple of the bin count (and maps smaller than it); the
 * model therefore needs DJL's PyTorch engine, the only engine seg4j ships.
 */
final class PyramidPooling extends AbstractBlock {

    private static final byte VERSION = 1;
    private static final int[] BINS = {1, 2, 3, 6};

    private final int outChannels;
    private final Block[] branches = new Block[BINS.length];
    private final Block fuse;

    /**
     * @param inChannels channels of the input
     * @param outChannels channels of the output
     */
    PyramidPooling(int inChannels, int outChannels) {
        super(VERSION);
        this.outChannels = outChannels;
        int branch = Math.max(1, inChannels / 4);
        for (int i = 0; i < BINS.length; i++) {
            // The 1x1 bin has one value per channel and image: batch norm would fail on a batch of one.
            Block conv = BINS[i] == 1
                    ? new SequentialBlock().add(Layers.conv1x1(branch)).add(Activation.reluBlock())
                    : FastScnnLayers.pointwiseBnRelu(branch);
            branches[i] = addChildBlock("bin" + BINS[i], conv);
        }
        this.fuse = addChildBlock("fuse", FastScnnLayers.pointwiseBnRelu(outChannels));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        Shape s = x.getShape();
        NDList parts = new NDList(BINS.length + 1);
        parts.add(x);
        for (int i = 0; i < BINS.length; i++) {
            NDArray pooled = pool(x, BINS[i]);
            NDArray y = branches[i].forward(ps, new NDList(pooled), training, params).head();
            parts.add(Spatial.resize(y, Spatial.height(s), Spatial.width(s)));
        }
        return fuse.forward(ps, new NDList(NDArrays.concat(parts, 1)), training, params);
    }

    private static NDArray pool(NDArray x, int bins) {
        if (!(x instanceof PtNDArray pt)) {
            throw new IllegalStateException("pyramid pooling needs the PyTorch engine, got " + x.getClass().getName());
        }
        return JniUtils.adaptiveAvgPool(pt, new Shape(bins, bins));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), outChannels, s.get(2), s.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        long branch = 0;
        for (int i = 0; i < BINS.length; i++) {
            Shape pooled = new Shape(s.get(0), s.get(1), BINS[i], BINS[i]);
            branches[i].initialize(manager, dataType, pooled);
            branch = branches[i].getOutputShapes(new Shape[] {pooled})[0].get(1);
        }
        fuse.initialize(manager, dataType, new Shape(s.get(0), s.get(1) + BINS.length * branch, s.get(2), s.get(3)));
    }
}
