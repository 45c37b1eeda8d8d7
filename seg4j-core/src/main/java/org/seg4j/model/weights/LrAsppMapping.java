package org.seg4j.model.weights;

import org.seg4j.model.SegmentationModel;
import org.seg4j.model.encoder.MobileNetV3LargeEncoder;

/**
 * seg4j's {@code lraspp} with torchvision's {@code lraspp_mobilenet_v3_large} names: the encoder's
 * units as {@code backbone.0..16} (see {@link MobileNetV3Mapping#features}), and the head under
 * {@code classifier.}: {@code cbr.0/1} (conv + BN), {@code scale.1} (the bias-free conv after the
 * pooling), {@code low_classifier} and {@code high_classifier} (biased 1x1 convs). With another
 * encoder, its own table sits under {@code backbone.}.
 */
final class LrAsppMapping {

    private LrAsppMapping() {}

    static WeightMapping table(SegmentationModel model) {
        String d = ModelMappings.DECODER;
        WeightMapping head = WeightMapping.builder()
                .sequentialConvBn(d + "01cbr", "classifier.cbr.0", "classifier.cbr.1")
                .conv(d + "02scale", "classifier.scale.1")
                .convWithBias(d + "03low_classifier", "classifier.low_classifier")
                .convWithBias(d + "04high_classifier", "classifier.high_classifier")
                .build();
        WeightMapping encoder = model.encoder() instanceof MobileNetV3LargeEncoder e
                ? MobileNetV3Mapping.features(e, "backbone.").build().prefixed(WeightMappings.MODEL_ENCODER, "")
                : WeightMappings.encoder(model.encoder()).prefixed(WeightMappings.MODEL_ENCODER, "backbone.");
        return encoder.plus(head);
    }
}
