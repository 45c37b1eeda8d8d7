package org.seg4j.model.weights;

import org.seg4j.model.SegmentationModel;

/**
 * seg4j's {@code fcn} with torchvision's {@code fcn_resnet50}/{@code fcn_resnet101} names: the
 * encoder under {@code backbone.}, the {@code FCNHead}'s 3x3 conv and BN as {@code classifier.0/1}
 * and its classifier as {@code classifier.4}. torchvision's {@code aux_classifier} (the same head on
 * {@code layer3}, training only) has no counterpart: an import reports its arrays as unused unless
 * they are skipped explicitly ({@link WeightImporter.Builder#addSkipPrefix}).
 */
final class DilatedFcnMapping {

    private DilatedFcnMapping() {}

    static WeightMapping table(SegmentationModel model) {
        String conv = ModelMappings.DECODER + ModelMappings.children(model.decoder()).get(0) + "_01FoldableSequence";
        WeightMapping head = WeightMapping.builder()
                .sequentialConvBn(conv, "classifier.0", "classifier.1")
                .convWithBias(ModelMappings.HEAD + "01projection", "classifier.4")
                .build();
        return WeightMappings.encoder(model.encoder()).prefixed(WeightMappings.MODEL_ENCODER, "backbone.").plus(head);
    }
}
