package org.seg4j.model.decoder;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.seg4j.model.Decoder;

/**
 * A decoder that is a context module followed by a fusion block over encoder features of fixed
 * strides: DeepLabV3 (ASPP, then 3x3 conv), PSPNet (pyramid pooling, then 3x3 conv) and FastFCN
 * (JPU, then its head), and torchvision's FCN (no context module, only its head). Subclasses only
 * choose the blocks and the strides; the output is at the finest stride read, with {@code
 * outChannels} channels.
 */
public abstract class TwoStageDecoder extends AbstractBlock implements Decoder {

    private static final byte VERSION = 1;

    private final int[] strides;
    private final int outChannels;
    private final Block context;
    private final Block fusion;

    /**
     * @param strides the encoder strides read, increasing (the output is at {@code strides[0]})
     * @param outChannels channels of the fusion block's output
     * @param contextName parameter name of the context module
     * @param context the context module, fed the encoder features; {@code null} for none (the
     *     fusion block is then fed the features)
     * @param fusionName parameter name of the fusion block
     * @param fusion the block applied to the context module's output
     */
    protected TwoStageDecoder(int[] strides, int outChannels, String contextName, Block context, String fusionName,
            Block fusion) {
        super(VERSION);
        this.strides = strides.clone();
        this.outChannels = outChannels;
        this.context = context == null ? null : addChildBlock(contextName, context);
        this.fusion = addChildBlock(fusionName, fusion);
    }

    @Override
    public final int[] featureReductions() {
        return strides.clone();
    }

    @Override
    public final int outChannels() {
        return outChannels;
    }

    @Override
    public final int outputReduction() {
        return strides[0];
    }

    @Override
    protected final NDList forwardInternal(
            ParameterStore ps, NDList features, boolean training, PairList<String, Object> params) {
        NDList in = context == null ? features : context.forward(ps, features, training, params);
        return fusion.forward(ps, in, training, params);
    }

    @Override
    public final Shape[] getOutputShapes(Shape[] inputShapes) {
        return fusion.getOutputShapes(context == null ? inputShapes : context.getOutputShapes(inputShapes));
    }

    @Override
    protected final void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (context == null) {
            fusion.initialize(manager, dataType, inputShapes);
            return;
        }
        context.initialize(manager, dataType, inputShapes);
        fusion.initialize(manager, dataType, context.getOutputShapes(inputShapes));
    }
}
