package org.seg4j.model.decoder.fastscnn;

import java.util.List;
import org.seg4j.model.Architectures;
import org.seg4j.model.ModelOption;
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
 * width {@code w} sets the channels: {@code w}, {@code 1.5w}, {@code 2w} in the downsampling path,
 * {@code 2w}, {@code 3w}, {@code 4w} in the bottlenecks, {@code 4w} in fusion and classifier. The
 * default is {@code w = 16}, half the paper's 32 (16/24/32, 32/48/64, 64 channels; 0.32 M
 * parameters, 0.36 GFLOPs at 360x480); {@code base_width: 32} gives the paper's network (1.17 M
 * parameters, 1.2 GFLOPs). Options: {@code blocks} (bottlenecks per group, default 3),
 * {@code expansion} (default 6), {@code pad}.
 *
 * <p>Measured speed, inference at 360x480 (padded to 384x480 inside), batch 1, forward pass to
 * full-resolution logits under a fresh sub-manager per call: <b>18.7-21.9 images/s</b> with the
 * default width 16 over three runs of {@code ./seg4j models fastscnn --bench --runs 30 --warmup 5}
 * on the idle 2-core development machine (load average about 2; single runs varied from 16 to 24
 * images/s). An earlier measurement under a load average of about 7 (test-source
 * {@code org.seg4j.model.InferenceBenchmark fastscnn 0 360 480 12 60}) gave 13.3-13.5 images/s at
 * width 16 and 7.9 images/s at the paper's width 32, hence the default. About a fifth of the time
 * is the bilinear upsampling of the scores to full resolution, which the PyTorch engine runs with
 * its slower anti-aliasing kernel.
 */
public final class FastScnn {

    /** The options {@link #create} reads. */
    public static final List<ModelOption> OPTIONS = List.of(
            ModelOption.integer("blocks", FastScnnEncoder.DEFAULT_BLOCKS, "inverted residual blocks per bottleneck group"),
            ModelOption.integer("expansion", FastScnnEncoder.DEFAULT_EXPANSION, "inverted residual expansion factor"),
            Architectures.PAD);

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
