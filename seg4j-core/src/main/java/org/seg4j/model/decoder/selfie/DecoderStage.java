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
import org.seg4j.model.layer.Spatial;

/**
 * One stage of the selfie decoder: the deeper map {@code x} is upsampled bilinearly to the skip's
 * size (half-pixel centres, as TFLite's {@code RESIZE_BILINEAR} with {@code half_pixel_centers}) and
 * projected to the skip's channels ({@code a}); the skip {@code s} is weighted by squeeze-excitation
 * weights of {@code s + a} and added to {@code a}; a 1x1 convolution with ReLU ({@code c}) and a 3x3
 * depthwise convolution with ReLU on it, added back to {@code c}, refine the sum.
 *
 * <p>Inputs: {@code [x, s]}; output: {@code N x channels x H(s) x W(s)}.
 */
public final class DecoderStage extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int channels;
    private final SameConv project;
    private final SqueezeExcite attention;
    private final SameConv refine;
    private final SameConv depthwise;

    /** A stage whose skip connection has {@code channels} channels. */
    DecoderStage(int channels) {
        super(VERSION);
        this.channels = channels;
        this.project = addChildBlock("project", SameConv.pointwise(channels));
        this.attention = addChildBlock("attention", new SqueezeExcite(channels, channels));
        this.refine = addChildBlock("refine", SameConv.pointwise(channels));
        this.depthwise = addChildBlock("depthwise", SameConv.depthwise(channels, 3, 1));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray skip = inputs.get(1);
        Shape s = skip.getShape();
        NDArray up = Spatial.resize(inputs.get(0), s.get(2), s.get(3));
        NDArray a = project.forward(ps, new NDList(up), training, params).head();
        NDArray weights = attention.forward(ps, new NDList(skip.add(a)), training, params).head();
        NDArray mixed = skip.mul(weights).add(a);
        NDArray c = Activation.relu(refine.forward(ps, new NDList(mixed), training, params).head());
        NDArray d = Activation.relu(depthwise.forward(ps, new NDList(c), training, params).head());
        return new NDList(c.add(d));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[1];
        return new Shape[] {new Shape(s.get(0), channels, s.get(2), s.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        Shape s = inputShapes[1];
        Shape up = new Shape(x.get(0), x.get(1), s.get(2), s.get(3));
        project.initialize(manager, dataType, up);
        Shape out = new Shape(s.get(0), channels, s.get(2), s.get(3));
        attention.initialize(manager, dataType, out);
        refine.initialize(manager, dataType, out);
        depthwise.initialize(manager, dataType, out);
    }
}
