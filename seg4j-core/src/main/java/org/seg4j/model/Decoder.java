package org.seg4j.model;

import ai.djl.nn.Block;

/**
 * Turns encoder features into a dense feature map. Its forward pass receives the encoder features
 * at {@link #featureReductions()} (in that order, highest resolution first) and returns one NCHW
 * array with {@link #outChannels()} channels, {@link #outputReduction()} times smaller than the
 * model input.
 */
public interface Decoder extends Block {

    /**
     * The encoder strides whose features this decoder reads, increasing. {@link
     * SegmentationModel.Builder#build()} fails when the encoder lacks one of them; where several
     * (dilated) stages share a stride, the decoder gets the deepest one's feature.
     */
    int[] featureReductions();

    /** Channels of the decoder's output. */
    int outChannels();

    /** Downsampling factor of the output relative to the model input (1 = full resolution). */
    int outputReduction();
}
