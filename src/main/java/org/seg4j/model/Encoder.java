package org.seg4j.model;

import ai.djl.nn.Block;

/**
 * The feature extractor of a {@link SegmentationModel}. Given an NCHW image batch whose height and
 * width are multiples of {@link #outputStride()}, its forward pass returns one feature map per
 * stage, highest resolution first: stage {@code i} has {@code outChannels()[i]} channels and is
 * {@code reductions()[i]} times smaller than the input in each spatial axis.
 *
 * <p>{@link Block#getOutputShapes} returns the same list of shapes, so that decoders can be
 * initialised without running the network.
 */
public interface Encoder extends Block {

    /** Channels of each stage's feature map, highest resolution first. */
    int[] outChannels();

    /** Downsampling factor of each stage relative to the input (e.g. 1, 2, 4, 8, 16), increasing. */
    int[] reductions();

    /** The largest reduction; inputs must be a multiple of it (the model pads them). */
    default int outputStride() {
        int[] r = reductions();
        return r[r.length - 1];
    }

    /** A short name for messages, e.g. {@code unet} or {@code vgg16}. */
    String name();
}
