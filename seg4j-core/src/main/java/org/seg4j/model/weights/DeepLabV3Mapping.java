package org.seg4j.model.weights;

import ai.djl.nn.Block;
import java.util.List;
import org.seg4j.model.SegmentationModel;

/**
 * seg4j's {@code deeplabv3} with torchvision's {@code deeplabv3_*} names: the encoder under {@code
 * backbone.}, the ASPP under {@code classifier.0} ({@code convs.0} 1x1, {@code convs.k} atrous per
 * rate, {@code convs.n+1} image pooling, {@code project.0/1}), the 3x3 conv + BN as {@code
 * classifier.1/2} and the classifier as {@code classifier.4}. The image-pooling branch follows the
 * built network: with option {@code aspp_pooling conv_bn} it is torchvision's conv ({@code
 * convs.n+1.1}) + BN ({@code convs.n+1.2}); by default it is seg4j's biased 1x1 conv ({@code
 * convs.n+1.1}), as the twin in {@code bench/parity/twins.py}. torchvision's {@code aux_classifier}
 * (a training-only FCN head on {@code layer3}) has no counterpart: an import reports its arrays as
 * unused unless they are skipped explicitly ({@link WeightImporter.Builder#addSkipPrefix}).
 */
final class DeepLabV3Mapping {

    private DeepLabV3Mapping() {}

    static WeightMapping table(SegmentationModel model) {
        Block decoder = model.decoder();
        List<String> parts = ModelMappings.children(decoder);
        String aspp = ModelMappings.DECODER + parts.get(0) + "_";
        List<String> branches = ModelMappings.children(decoder.getChildren().get(0).getValue());
        WeightMapping.Builder b = WeightMapping.builder();
        // children: conv1x1, one branch per rate, pooling, projection
        int pooling = branches.size() - 2;
        for (int k = 0; k < pooling; k++) {
            String source = "classifier.0.convs." + k;
            b.sequentialConvBn(aspp + branches.get(k), source + ".0", source + ".1");
        }
        String poolingTarget = aspp + branches.get(pooling);
        String poolingSource = "classifier.0.convs." + pooling;
        Block poolingBlock = decoder.getChildren().get(0).getValue().getChildren().get(pooling).getValue();
        if (ModelMappings.children(poolingBlock).stream().anyMatch(c -> c.endsWith("BatchNorm"))) {
            b.sequentialConvBn(poolingTarget, poolingSource + ".1", poolingSource + ".2");
        } else {
            b.convWithBias(poolingTarget + "_01Conv2d", poolingSource + ".1");
        }
        b.sequentialConvBn(aspp + branches.get(pooling + 1) + "_01FoldableSequence", "classifier.0.project.0",
                "classifier.0.project.1");
        b.sequentialConvBn(ModelMappings.DECODER + parts.get(1), "classifier.1", "classifier.2");
        b.convWithBias(ModelMappings.HEAD + "01projection", "classifier.4");
        return WeightMappings.encoder(model.encoder()).prefixed(WeightMappings.MODEL_ENCODER, "backbone.")
                .plus(b.build());
    }
}
