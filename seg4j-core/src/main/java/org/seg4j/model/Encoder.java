package org.seg4j.model;

import ai.djl.nn.Block;

/**
 * The feature extractor of a {@link SegmentationModel}. Given an NCHW image batch whose height and
 * width are multiples of {@link #outputStride()}, its forward pass returns one feature map per
 * stage, highest resolution first: stage {@code i} has {@code outChannels()[i]} channels and is
 * {@code reductions()[i]} times smaller than the input in each spatial axis.
 *
 * <p>Reductions are non-decreasing, not necessarily increasing: an encoder with dilated deep stages
 * (a ResNet at output stride 8) has e.g. 2, 4, 8, 8, 8. Where a reduction repeats, the deepest
 * stage with it is the one decoders receive (see {@link SegmentationModel.Builder#build()}).
 *
 * <p>{@link Block#getOutputShapes} returns the same list of shapes, so that decoders can be
 * initialised without running the network.
 */
public interface Encoder extends Block {

    /** Channels of each stage's feature map, highest resolution first. */
    int[] outChannels();

    /**
     * Downsampling factor of each stage relative to the input (e.g. 1, 2, 4, 8, 16, or 2, 4, 8, 8, 8
     * with dilation), non-decreasing.
     */
    int[] reductions();

    /** The largest reduction; inputs must be a multiple of it (the model pads them). */
    default int outputStride() {
        return java.util.Arrays.stream(reductions()).max().orElse(1);
    }

    /** A short name for messages, e.g. {@code unet} or {@code vgg16}. */
    String name();
}
