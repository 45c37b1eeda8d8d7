package org.seg4j.model.decoder.fastscnn;

import org.seg4j.model.Architectures;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationHead;
import org.seg4j.model.SegmentationModel;

/**
 * The {@code fastscnn} factory: Fast-SCNN (Poudel, Liwicki and Cipolla, 2019), a real-time
 * network for CPUs. {@link FastScnnEncoder} (learning to downsample + bottlenecks) + {@link
 * FastScnnDecoder} (pyramid pooling, feature fusion, classifier, learned 2x upsampling of the
 * scores) + a {@link SegmentationHead} without projection that upsamples the stride-4 scores
 * bilinearly.
 *
 * <p>The two-branch design is why it is fast: only three cheap convolutions see the image at
 * strides 2 to 8, the deep part (inverted residual bottlenecks, pyramid pooling) runs at strides 16
 * and 32, and a single fusion brings the context back to the stride-8 detail branch. The base
 * width {@code w} (default 32, the paper's) sets the channels: 32, 48, 64 in the downsampling path,
 * 64, 96, 128 in the bottlenecks, 128 in fusion and classifier. Options: {@code blocks}
 * (bottlenecks per group, default 3), {@code expansion} (default 6), {@code pad}.
 *
 * <p>Measured speed (inference, batch 1, 360x480 RGB, forward only under a sub-manager per call,
 * after warm-up, both cores of the 2-core build machine, {@code OMP_WAIT_POLICY=PASSIVE}):
 * see {@code FastScnnBenchmark} in the test sources; MEASURED.
 */
public final class FastScnn {

    private FastScnn() {}

    /** Builds an uninitialised Fast-SCNN for {@code spec}. */
    public static SegmentationModel create(ModelSpec spec) {
        FastScnnEncoder encoder = FastScnnEncoder.builder()
                .optWidth(spec.widthOr(FastScnnEncoder.DEFAULT_WIDTH))
                .optBlocks(spec.intOption("blocks", FastScnnEncoder.DEFAULT_BLOCKS))
                .optExpansion(spec.intOption("expansion", FastScnnEncoder.DEFAULT_EXPANSION))
                .build();
        FastScnnDecoder decoder = FastScnnDecoder.builder()
                .setEncoder(encoder)
                .setNumClasses(spec.numClasses())
                .build();
        // The decoder already ends in class scores.
        SegmentationHead head = SegmentationHead.builder()
                .setNumClasses(spec.numClasses())
                .optProjection(false)
                .optUpsampling(decoder.outputReduction())
                .build();
        return Architectures.compose(spec, encoder, decoder, head);
    }
}
