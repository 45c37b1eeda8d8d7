package org.seg4j.model.decoder.panoptic;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.IOException;
import org.seg4j.Seg4jException;
import org.seg4j.model.Decoder;
import org.seg4j.model.Encoder;
import org.seg4j.model.SegmentationHead;
import org.seg4j.model.SegmentationModel;
import org.seg4j.model.layer.Atrous;
import org.seg4j.model.layer.FoldableSequence;
import org.seg4j.model.layer.Layers;
import org.seg4j.model.layer.Scalars;
import org.seg4j.model.layer.Spatial;
import org.seg4j.model.layer.Spatial.PadMode;

/**
 * The Panoptic-DeepLab network: one {@link Encoder} whose features feed two decoders, a semantic
 * one with a classifier and an instance one with a centre head (1 channel) and an offset head (2
 * channels, y then x). Each head is a depthwise-separable 3x3 unit to {@code headWidth} channels and
 * a 1x1 convolution (the classifier is the 1x1 only, as DeepLabV3+).
 *
 * <p>The forward pass takes an NCHW image batch of any size and returns an {@link NDList} of three
 * arrays at the input's resolution: semantic logits {@code (N, classes, H, W)}, the centre heat map
 * {@code (N, 1, H, W)} and the offsets {@code (N, 2, H, W)} in input pixels, {@code centre - pixel}.
 * The semantic logits come first, so every semantic tool that reads the first output (validation,
 * {@code Predictor}, {@code seg4j eval} for mIoU) works on this network unchanged. As detectron2's
 * heads, the offsets are predicted at the decoder's stride and multiplied by it when upsampled.
 * Inputs are padded bottom/right to a multiple of the output stride and the outputs cropped back,
 * as {@link SegmentationModel} does.
 */
public final class PanopticDeepLabNet extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Encoder encoder;
    private final Decoder semanticDecoder;
    private final Decoder instanceDecoder;
    private final SegmentationHead semanticHead;
    private final Block centerHead;
    private final Block offsetHead;
    private final int[] semanticFeatures;
    private final int[] instanceFeatures;
    private final int numClasses;
    private final PadMode padMode;

    private PanopticDeepLabNet(Builder b) {
        super(VERSION);
        this.encoder = addChildBlock("encoder", b.encoder);
        this.semanticDecoder = addChildBlock("semantic_decoder", b.semanticDecoder);
        this.instanceDecoder = addChildBlock("instance_decoder", b.instanceDecoder);
        this.semanticHead = addChildBlock("semantic_head", SegmentationHead.builder()
                .setNumClasses(b.numClasses)
                .optUpsampling(b.semanticDecoder.outputReduction())
                .build());
        this.centerHead = addChildBlock("center_head", head(b.instanceDecoder.outChannels(), b.headWidth, 1));
        this.offsetHead = addChildBlock("offset_head", head(b.instanceDecoder.outChannels(), b.headWidth, 2));
        this.semanticFeatures = SegmentationModel.featureIndices(b.encoder, b.semanticDecoder);
        this.instanceFeatures = SegmentationModel.featureIndices(b.encoder, b.instanceDecoder);
        this.numClasses = b.numClasses;
        this.padMode = b.padMode;
    }

    private static Block head(int inChannels, int hidden, int out) {
        return new FoldableSequence()
                .add(Atrous.separableBnRelu(inChannels, hidden, 1))
                .add(Layers.conv1x1(out));
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The shared encoder. */
    public Encoder encoder() {
        return encoder;
    }

    /** Number of semantic classes. */
    public int numClasses() {
        return numClasses;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        Shape s = x.getShape();
        long h = Spatial.height(s);
        long w = Spatial.width(s);
        NDArray padded = Spatial.padToMultiple(x, encoder.outputStride(), padMode);
        long ph = Spatial.height(padded.getShape());
        long pw = Spatial.width(padded.getShape());
        NDList features = encoder.forward(ps, new NDList(padded), training, params);

        NDList semantic = semanticDecoder.forward(ps, select(features, semanticFeatures), training, params);
        NDArray logits = semanticHead.forward(ps, semantic, training, params).head();

        NDList instance = instanceDecoder.forward(ps, select(features, instanceFeatures), training, params);
        NDArray center = centerHead.forward(ps, instance, training, params).head();
        NDArray offset = offsetHead.forward(ps, instance, training, params).head();
        int stride = instanceDecoder.outputReduction();
        offset = Scalars.mul(Spatial.resize(offset, ph, pw), stride);
        center = Spatial.resize(center, ph, pw);
        logits = Spatial.resize(logits, ph, pw);
        return new NDList(Spatial.crop(logits, h, w), Spatial.crop(center, h, w), Spatial.crop(offset, h, w));
    }

    private static NDList select(NDList features, int[] indices) {
        NDList out = new NDList(indices.length);
        for (int i : indices) {
            out.add(features.get(i));
        }
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        long n = s.get(0);
        long h = Spatial.height(s);
        long w = Spatial.width(s);
        return new Shape[] {new Shape(n, numClasses, h, w), new Shape(n, 1, h, w), new Shape(n, 2, h, w)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        Shape padded = Spatial.roundUpSize(s, encoder.outputStride());
        encoder.initialize(manager, dataType, padded);
        Shape[] features = encoder.getOutputShapes(new Shape[] {padded});
        Shape[] sem = select(features, semanticFeatures);
        semanticDecoder.initialize(manager, dataType, sem);
        semanticHead.initialize(manager, dataType, semanticDecoder.getOutputShapes(sem));
        Shape[] ins = select(features, instanceFeatures);
        instanceDecoder.initialize(manager, dataType, ins);
        Shape[] decoded = instanceDecoder.getOutputShapes(ins);
        centerHead.initialize(manager, dataType, decoded);
        offsetHead.initialize(manager, dataType, decoded);
    }

    private static Shape[] select(Shape[] shapes, int[] indices) {
        Shape[] out = new Shape[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = shapes[indices[i]];
        }
        return out;
    }

    /** Loads the parameters and re-attaches gradients, as {@link SegmentationModel#loadParameters}. */
    @Override
    public void loadParameters(NDManager manager, DataInputStream is) throws IOException, MalformedModelException {
        super.loadParameters(manager, is);
        SegmentationModel.reattachGradients(this);
    }

    @Override
    public String toString() {
        return "PanopticDeepLabNet(encoder=" + encoder.name() + ", classes=" + numClasses + ")";
    }

    /** Builder: encoder, both decoders and the class count are required. */
    public static final class Builder {
        private Encoder encoder;
        private Decoder semanticDecoder;
        private Decoder instanceDecoder;
        private int numClasses;
        private int headWidth = 32;
        private PadMode padMode = PadMode.REFLECT;

        private Builder() {}

        /** The shared encoder. */
        public Builder setEncoder(Encoder encoder) {
            this.encoder = encoder;
            return this;
        }

        /** The semantic branch's decoder, built for the encoder. */
        public Builder setSemanticDecoder(Decoder decoder) {
            this.semanticDecoder = decoder;
            return this;
        }

        /** The instance branch's decoder, built for the encoder. */
        public Builder setInstanceDecoder(Decoder decoder) {
            this.instanceDecoder = decoder;
            return this;
        }

        /** Number of semantic classes. */
        public Builder setNumClasses(int numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        /** Hidden channels of the centre and offset heads (default 32). */
        public Builder optHeadWidth(int headWidth) {
            this.headWidth = headWidth;
            return this;
        }

        /** How the input is padded to a multiple of the output stride (default {@code REFLECT}). */
        public Builder optPadMode(PadMode padMode) {
            this.padMode = padMode;
            return this;
        }

        /** Validates and builds. */
        public PanopticDeepLabNet build() {
            if (encoder == null || semanticDecoder == null || instanceDecoder == null) {
                throw new Seg4jException("panoptic-deeplab needs an encoder, a semantic decoder and an instance decoder");
            }
            if (numClasses < 1 || headWidth < 1) {
                throw new Seg4jException("panoptic-deeplab needs at least one class and a positive head width, got "
                        + numClasses + " and " + headWidth);
            }
            return new PanopticDeepLabNet(this);
        }
    }
}
