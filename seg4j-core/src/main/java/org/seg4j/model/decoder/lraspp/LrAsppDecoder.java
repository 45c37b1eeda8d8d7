package org.seg4j.model.decoder.lraspp;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;
import org.seg4j.Seg4jException;
import org.seg4j.model.Decoder;
import org.seg4j.model.Encoder;
import org.seg4j.model.layer.Layers;
import org.seg4j.model.layer.Release;
import org.seg4j.model.layer.Spatial;

/**
 * The LR-ASPP head as torchvision's {@code LRASPPHead}. On the deepest feature ("high"): {@code
 * cbr} (1x1 conv without bias, batch norm, ReLU to {@code inter} channels) times {@code scale}
 * (global average pooling, 1x1 conv without bias, sigmoid), upsampled bilinearly to the stride-8
 * feature ("low"); the output is {@code low_classifier(low) + high_classifier(x)}, class scores at
 * stride 8, which a head without projection upsamples to the input.
 */
public final class LrAsppDecoder extends AbstractBlock implements Decoder {

    private static final byte VERSION = 1;

    /** The stride of the low-level feature. */
    public static final int LOW_STRIDE = 8;

    /** torchvision's {@code inter_channels}. */
    public static final int DEFAULT_INTER_CHANNELS = 128;

    private final int numClasses;
    private final int highStride;
    private final Block cbr;
    private final Block scale;
    private final Block lowClassifier;
    private final Block highClassifier;

    private LrAsppDecoder(Builder b, int highStride) {
        super(VERSION);
        this.numClasses = b.numClasses;
        this.highStride = highStride;
        this.cbr = addChildBlock("cbr", Layers.convBnRelu(b.interChannels, 1));
        this.scale = addChildBlock("scale", Conv2d.builder().setKernelShape(new Shape(1, 1))
                .setFilters(b.interChannels).optBias(false).build());
        this.lowClassifier = addChildBlock("low_classifier", Layers.conv1x1(numClasses));
        this.highClassifier = addChildBlock("high_classifier", Layers.conv1x1(numClasses));
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int[] featureReductions() {
        return new int[] {LOW_STRIDE, highStride};
    }

    @Override
    public int outChannels() {
        return numClasses;
    }

    @Override
    public int outputReduction() {
        return LOW_STRIDE;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList features, boolean training, PairList<String, Object> params) {
        NDArray low = features.get(0);
        NDArray high = features.get(1);
        NDArray x = cbr.forward(ps, new NDList(high), training, params).head();
        NDArray pooled = high.mean(new int[] {3}, true).mean(new int[] {2}, true);
        NDArray gateIn = scale.forward(ps, new NDList(pooled), training, params).head();
        NDArray gate = Activation.sigmoid(gateIn);
        NDArray gated = x.mul(gate);
        Shape s = low.getShape();
        NDArray up = Spatial.resize(gated, Spatial.height(s), Spatial.width(s));
        NDArray lowScores = lowClassifier.forward(ps, new NDList(low), training, params).head();
        NDArray highScores = highClassifier.forward(ps, new NDList(up), training, params).head();
        NDArray out = lowScores.add(highScores);
        if (!training) {
            for (NDArray a : new NDArray[] {x, pooled, gateIn, gate, gated, up, lowScores, highScores}) {
                Release.close(a, out);
            }
        }
        return new NDList(out);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape low = inputShapes[0];
        return new Shape[] {new Shape(low.get(0), numClasses, low.get(2), low.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape low = inputShapes[0];
        Shape high = inputShapes[1];
        cbr.initialize(manager, dataType, high);
        scale.initialize(manager, dataType, new Shape(high.get(0), high.get(1), 1, 1));
        lowClassifier.initialize(manager, dataType, low);
        Shape inter = cbr.getOutputShapes(new Shape[] {high})[0];
        highClassifier.initialize(manager, dataType, new Shape(low.get(0), inter.get(1), low.get(2), low.get(3)));
    }

    /** Builder: {@link #setEncoder} and {@link #setNumClasses} are required. */
    public static final class Builder {
        private Encoder encoder;
        private int numClasses;
        private int interChannels = DEFAULT_INTER_CHANNELS;

        private Builder() {}

        /** The encoder; it must provide a feature at stride 8 and a deeper one (its deepest is used). */
        public Builder setEncoder(Encoder encoder) {
            this.encoder = encoder;
            return this;
        }

        /** Number of classes scored. */
        public Builder setNumClasses(int numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        /** Channels of the gated high-level branch (default 128, torchvision's). */
        public Builder optInterChannels(int interChannels) {
            this.interChannels = interChannels;
            return this;
        }

        /** Validates and builds. */
        public LrAsppDecoder build() {
            if (encoder == null) {
                throw new Seg4jException("an lraspp decoder needs an encoder");
            }
            int[] r = encoder.reductions();
            int high = encoder.outputStride();
            if (Arrays.stream(r).noneMatch(x -> x == LOW_STRIDE) || high <= LOW_STRIDE) {
                throw new Seg4jException("an lraspp decoder needs an encoder feature at stride 8 and a deeper one "
                        + "(output_stride 16 or 32); '" + encoder.name() + "' has strides " + Arrays.toString(r));
            }
            if (numClasses < 1) {
                throw new Seg4jException("an lraspp decoder needs at least 1 class, got " + numClasses);
            }
            if (interChannels < 1) {
                throw new Seg4jException("lraspp model option inter_channels must be at least 1, got " + interChannels);
            }
            return new LrAsppDecoder(this, high);
        }
    }
}
