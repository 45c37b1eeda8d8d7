package org.seg4j.model.decoder.fastscnn;

import ai.djl.ndarray.NDArray;
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
import java.util.Arrays;
import org.seg4j.Seg4jException;
import org.seg4j.model.Decoder;
import org.seg4j.model.Encoder;
import org.seg4j.model.layer.Layers;
import org.seg4j.model.layer.PyramidPooling;
import org.seg4j.model.layer.Spatial;

/**
 * Fast-SCNN's head end: {@link PyramidPooling} on the stride-32 features (the end of the paper's
 * global feature extractor), the feature fusion module and the classifier (two depthwise-separable
 * convolutions and a 1x1 convolution to class scores at stride 8), then a learned 2x upsampling of
 * the scores to stride 4. The model's {@link org.seg4j.model.SegmentationHead} (without projection)
 * upsamples the rest of the way bilinearly.
 *
 * <p>Feature fusion: the stride-8 (high-resolution) feature goes through a 1x1 conv + BN; the
 * stride-32 (context) feature is bilinearly upsampled to stride 8, goes through a depthwise 3x3
 * conv with dilation 4 + BN + ReLU and a 1x1 conv + BN; the two are added and passed through ReLU.
 *
 * <p>Deviation from the paper, which upsamples the stride-8 scores 8x bilinearly: the first 2x is a
 * {@link org.seg4j.model.layer.SubPixelUpsample} of the scores, initialised to bilinear
 * interpolation. It costs about 1% of the network's multiply-adds and lets the network place class
 * boundaries at stride 4 instead of interpolating them between stride-8 cells; with plain 8x
 * bilinear upsampling, overfitting the 32x32 contract batch stalled at about 94-95% pixel accuracy.
 *
 * <p>Output: {@code numClasses} scores at stride 4.
 */
public final class FastScnnDecoder extends AbstractBlock implements Decoder {

    private static final byte VERSION = 1;
    private static final int[] PYRAMID_BINS = {1, 2, 3, 6};

    private final int numClasses;
    private final Block ppm;
    private final Block high;
    private final Block low;
    private final Block classifier;
    private final Block upsample;

    private FastScnnDecoder(int lowChannels, int channels, int numClasses) {
        super(VERSION);
        this.numClasses = numClasses;
        // PSPNet's module with the paper's quarter-width branches, fused back to the input width.
        this.ppm = addChildBlock("ppm", new SequentialBlock()
                .add(new PyramidPooling(lowChannels, PYRAMID_BINS, Math.max(1, lowChannels / 4)))
                .add(FastScnnLayers.pointwiseBnRelu(lowChannels)));
        this.high = addChildBlock("high", FastScnnLayers.pointwiseBn(channels));
        this.low = addChildBlock("low", new SequentialBlock()
                .add(FastScnnLayers.depthwiseBnRelu(lowChannels, 1, 4))
                .add(FastScnnLayers.pointwiseBn(channels)));
        this.classifier = addChildBlock("classifier", new SequentialBlock()
                .add(FastScnnLayers.separable(channels, channels, 1))
                .add(FastScnnLayers.separable(channels, channels, 1))
                .add(Layers.conv1x1(numClasses)));
        this.upsample = addChildBlock("upsample", Layers.upsampleLearned(numClasses, 2));
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int[] featureReductions() {
        return new int[] {8, 32};
    }

    @Override
    public int outChannels() {
        return numClasses;
    }

    @Override
    public int outputReduction() {
        return 4;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList features, boolean training, PairList<String, Object> params) {
        NDArray fine = features.get(0);
        NDArray context = ppm.forward(ps, new NDList(features.get(1)), training, params).head();
        Shape s = fine.getShape();
        NDArray up = Spatial.resize(context, Spatial.height(s), Spatial.width(s));
        NDArray fused = Activation.relu(high.forward(ps, new NDList(fine), training, params).head()
                .add(low.forward(ps, new NDList(up), training, params).head()));
        NDList scores = classifier.forward(ps, new NDList(fused), training, params);
        return upsample.forward(ps, scores, training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape fine = inputShapes[0];
        return new Shape[] {new Shape(fine.get(0), numClasses, fine.get(2) * 2, fine.get(3) * 2)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape fine = inputShapes[0];
        Shape coarse = inputShapes[1];
        ppm.initialize(manager, dataType, coarse);
        high.initialize(manager, dataType, fine);
        low.initialize(manager, dataType, new Shape(fine.get(0), coarse.get(1), fine.get(2), fine.get(3)));
        Shape fused = high.getOutputShapes(new Shape[] {fine})[0];
        classifier.initialize(manager, dataType, fused);
        upsample.initialize(manager, dataType, new Shape(fine.get(0), numClasses, fine.get(2), fine.get(3)));
    }

    /** Builder: {@link #setEncoder} and {@link #setNumClasses} are required. */
    public static final class Builder {
        private Encoder encoder;
        private int channels;
        private int numClasses;

        private Builder() {}

        /** The encoder; it must provide features at strides 8 and 32. */
        public Builder setEncoder(Encoder encoder) {
            this.encoder = encoder;
            return this;
        }

        /** Number of classes scored. */
        public Builder setNumClasses(int numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        /** Channels of the fusion and classifier (default: those of the stride-32 feature, 128 in the paper). */
        public Builder optChannels(int channels) {
            this.channels = channels;
            return this;
        }

        /** Validates and builds. */
        public FastScnnDecoder build() {
            if (encoder == null) {
                throw new Seg4jException("a fastscnn decoder needs an encoder");
            }
            int[] r = encoder.reductions();
            int[] c = encoder.outChannels();
            int high = -1;
            int low = -1;
            for (int i = 0; i < r.length; i++) {
                high = r[i] == 8 ? c[i] : high;
                low = r[i] == 32 ? c[i] : low;
            }
            if (high < 0 || low < 0) {
                throw new Seg4jException("a fastscnn decoder needs encoder features at strides 8 and 32; '"
                        + encoder.name() + "' has " + Arrays.toString(r));
            }
            if (numClasses < 1) {
                throw new Seg4jException("a fastscnn decoder needs at least 1 class, got " + numClasses);
            }
            if (channels < 0) {
                throw new Seg4jException("fastscnn channels must be positive, got " + channels);
            }
            return new FastScnnDecoder(low, channels > 0 ? channels : low, numClasses);
        }
    }
}
