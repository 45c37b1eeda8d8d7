package org.seg4j.model.weights;

import ai.djl.nn.Block;
import java.util.List;
import org.seg4j.model.SegmentationModel;

/**
 * seg4j's {@code deeplabv3} with torchvision's {@code deeplabv3_*} names: the encoder under {@code
 * backbone.}, the ASPP under {@code classifier.0} ({@code convs.0} 1x1, {@code convs.k} atrous per
 * rate, {@code convs.n+1} image pooling, {@code project.0/1}), the 3x3 conv + BN as {@code
 * classifier.1/2} and the classifier as {@code classifier.4}. Deviation (see seg4j's {@code Aspp}):
 * the image-pooling branch is a biased 1x1 conv ({@code convs.n+1.1}) without torchvision's batch
 * norm, so a torchvision checkpoint's {@code convs.n+1.1.weight} fits and its {@code .2} batch norm
 * does not; the twin in {@code bench/parity/twins.py} follows seg4j. torchvision's {@code
 * aux_classifier} has no counterpart.
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
        b.convWithBias(aspp + branches.get(pooling) + "_01Conv2d", "classifier.0.convs." + pooling + ".1");
        b.sequentialConvBn(aspp + branches.get(pooling + 1) + "_01FoldableSequence", "classifier.0.project.0",
                "classifier.0.project.1");
        b.sequentialConvBn(ModelMappings.DECODER + parts.get(1), "classifier.1", "classifier.2");
        b.convWithBias(ModelMappings.HEAD + "01projection", "classifier.4");
        for (String aux : new String[] {"0.weight", "1.weight", "1.bias", "1.running_mean", "1.running_var",
                "4.weight", "4.bias"}) {
            b.ignore("aux_classifier." + aux, "torchvision's auxiliary head, used in training only");
        }
        return WeightMappings.encoder(model.encoder()).prefixed(WeightMappings.MODEL_ENCODER, "backbone.")
                .plus(b.build());
    }
}
