package org.seg4j.model.decoder.segnet;

import java.util.List;
import org.seg4j.model.Architectures;
import org.seg4j.model.ModelOption;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationHead;
import org.seg4j.model.SegmentationModel;
import org.seg4j.model.encoder.VggEncoder;

/**
 * The {@code segnet} factory: the shared {@link VggEncoder} keeping its pooling switches + {@link
 * SegNetDecoder} + a 1x1 {@link SegmentationHead} at full resolution. The encoder's parameters are
 * those of every other {@code vgg16} model (and of torchvision's vgg16_bn through the import table),
 * so an encoder trained elsewhere transfers. The spec's base width is the first block's channels
 * (default 64). Option {@code pad}: {@code reflect} (default) or {@code zero}.
 *
 * <p>From scratch, SegNet needs a higher learning rate than the other architectures: on generated
 * data its PyTorch twin and seg4j both reached under half the mIoU of FCN-8s after 200 Adam
 * steps at 1e-3 and caught up at 1e-2 (docs/models.md, "Why SegNet learned so little").
 */
public final class SegNet {

    /** The options {@link #create} reads. */
    public static final List<ModelOption> OPTIONS = List.of(Architectures.PAD);

    private SegNet() {}

    /** Builds an uninitialised SegNet for {@code spec}. */
    public static SegmentationModel create(ModelSpec spec) {
        VggEncoder encoder = VggEncoder.builder()
                .optWidth(spec.widthOr(VggEncoder.DEFAULT_WIDTH))
                .optSwitches(true)
                .build();
        SegNetDecoder decoder = SegNetDecoder.builder().setEncoder(encoder).build();
        SegmentationHead head = SegmentationHead.builder().setNumClasses(spec.numClasses()).build();
        return Architectures.compose(spec, encoder, decoder, head);
    }
}
