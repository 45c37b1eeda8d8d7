package org.seg4j.model.decoder.selfie;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.seg4j.model.Decoder;
import org.seg4j.model.layer.SubPixelUpsample;

/**
 * The selfie decoder. The stride-16 feature is gated LR-ASPP style ({@code relu(conv(x)) *
 * sigmoid(conv(mean(x)))}, 128 channels), then three {@link DecoderStage}s climb the skips at strides
 * 8, 4 and 2, and a 2x2 stride-2 transposed convolution with bias brings one person logit {@code z}
 * to full resolution. The transposed convolution is computed as a 1x1 convolution to 4 channels and
 * a pixel shuffle (the same sums: each output pixel reads exactly one input pixel), since DJL's
 * PyTorch engine has no transposed convolution.
 *
 * <p>The output is two class logits {@code [0, z]}: their softmax is {@code [1 - sigmoid(z),
 * sigmoid(z)]}, exactly the published model's sigmoid output as background/person probabilities.
 */
public final class SelfieDecoder extends AbstractBlock implements Decoder {

    private static final byte VERSION = 1;

    /** Channels of the gated stride-16 feature. */
    static final int CONTEXT = 128;
    /** Output channels of the decoder stages at strides 8, 4, 2 (the skips' channels). */
    static final int[] STAGES = {24, 16, 16};

    private final SameConv contextConv;
    private final SameConv contextGate;
    private final DecoderStage[] stages = new DecoderStage[STAGES.length];
    private final SameConv upsample;

    /** A new decoder for {@link SelfieEncoder}'s features. */
    public SelfieDecoder() {
        super(VERSION);
        contextConv = addChildBlock("context_conv", SameConv.pointwise(CONTEXT));
        contextGate = addChildBlock("context_gate", SameConv.pointwise(CONTEXT));
        for (int i = 0; i < STAGES.length; i++) {
            stages[i] = addChildBlock("stage" + i, new DecoderStage(STAGES[i]));
        }
        upsample = addChildBlock("upsample", SameConv.pointwise(4));
    }

    @Override
    public int[] featureReductions() {
        return new int[] {2, 4, 8, 16};
    }

    @Override
    public int outChannels() {
        return 2;
    }

    @Override
    public int outputReduction() {
        return 1;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray deep = inputs.get(3);
        NDArray pooled = deep.mean(new int[] {3}, true).mean(new int[] {2}, true);
        NDArray gate = Activation.sigmoid(contextGate.forward(ps, new NDList(pooled), training, params).head());
        NDArray x = Activation.relu(contextConv.forward(ps, new NDList(deep), training, params).head()).mul(gate);
        for (int i = 0; i < stages.length; i++) {
            x = stages[i].forward(ps, new NDList(x, inputs.get(2 - i)), training, params).head();
        }
        NDArray z = SubPixelUpsample.shuffle(upsample.forward(ps, new NDList(x), training, params).head(), 1, 2);
        return new NDList(z.zerosLike().concat(z, 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), 2, s.get(2) * 2, s.get(3) * 2)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape deep = inputShapes[3];
        contextConv.initialize(manager, dataType, deep);
        contextGate.initialize(manager, dataType, new Shape(deep.get(0), deep.get(1), 1, 1));
        Shape x = new Shape(deep.get(0), CONTEXT, deep.get(2), deep.get(3));
        for (int i = 0; i < stages.length; i++) {
            Shape skip = inputShapes[2 - i];
            stages[i].initialize(manager, dataType, x, skip);
            x = stages[i].getOutputShapes(new Shape[] {x, skip})[0];
        }
        upsample.initialize(manager, dataType, x);
    }
}
