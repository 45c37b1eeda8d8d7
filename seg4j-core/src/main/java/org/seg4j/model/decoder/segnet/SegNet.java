package org.seg4j.model.decoder.segnet;

import java.util.List;
import org.seg4j.model.Architectures;
import org.seg4j.model.ModelOption;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationHead;
import org.seg4j.model.SegmentationModel;

/**
 * The {@code segnet} factory: {@link SegNetEncoder} + {@link SegNetDecoder} + a 1x1 {@link
 * SegmentationHead} at full resolution. The only encoder is VGG-16 ({@code vgg16}, whose pooling
 * keeps its switches); the spec's base width is the first block's channels (default 64). Option
 * {@code pad}: {@code reflect} (default) or {@code zero}.
 */
public final class SegNet {

    /** The options {@link #create} reads. */
    public static final List<ModelOption> OPTIONS = List.of(Architectures.PAD);

    private SegNet() {}

    /** Builds an uninitialised SegNet for {@code spec}. */
    public static SegmentationModel create(ModelSpec spec) {
        SegNetEncoder encoder = SegNetEncoder.builder().optWidth(spec.widthOr(SegNetEncoder.DEFAULT_WIDTH)).build();
        SegNetDecoder decoder = SegNetDecoder.builder().setEncoder(encoder).build();
        SegmentationHead head = SegmentationHead.builder().setNumClasses(spec.numClasses()).build();
        return Architectures.compose(spec, encoder, decoder, head);
    }
}
