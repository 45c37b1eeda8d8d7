package org.seg4j.model.decoder.selfie;

import java.util.List;
import org.seg4j.Seg4jException;
import org.seg4j.model.ModelOption;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationHead;
import org.seg4j.model.SegmentationModel;
import org.seg4j.model.layer.Spatial.PadMode;

/**
 * Factory of the {@code mediapipe-selfie} architecture: {@link SelfieEncoder} + {@link
 * SelfieDecoder} + a head that only passes the two logits on. The network's shape is fixed by the
 * published weights; it has two classes (background, person) and no options.
 */
public final class MediaPipeSelfie {

    /** Registry name. */
    public static final String NAME = "mediapipe-selfie";

    /** Its classes: background and person. */
    public static final int CLASSES = 2;

    /** The options it reads: none. */
    public static final List<ModelOption> OPTIONS = List.of();

    private MediaPipeSelfie() {}

    /** Builds the network of {@code spec} (two classes). */
    public static SegmentationModel create(ModelSpec spec) {
        if (spec.numClasses() != CLASSES) {
            throw new Seg4jException(NAME + " predicts 2 classes (background, person), not " + spec.numClasses());
        }
        SelfieEncoder encoder = new SelfieEncoder();
        SelfieDecoder decoder = new SelfieDecoder();
        SegmentationHead head = SegmentationHead.builder().setNumClasses(2).optProjection(false).build();
        // Zero padding to the output stride, like the SAME convolutions' own padding.
        return SegmentationModel.builder().setEncoder(encoder).setDecoder(decoder).setHead(head)
                .optPadMode(PadMode.ZERO).build();
    }
}
