package org.seg4j.model.weights;

import ai.djl.nn.Block;
import java.util.List;
import org.seg4j.model.SegmentationModel;

/**
 * seg4j's {@code deeplabv3plus} on a ResNet from the twin {@code DeepLabV3Plus} of {@code
 * bench/parity/twins.py}: ASPP ({@code decoder.aspp.convs.0} 1x1, {@code convs.k} separable per
 * rate, {@code pooling.0}, {@code project.0}), {@code decoder.low_level}, {@code decoder.refine.0/1}
 * (separable) and {@code head}.
 */
final class DeepLabV3PlusMapping {

    private DeepLabV3PlusMapping() {}

    static WeightMapping table(SegmentationModel model) {
        Block decoder = model.decoder();
        List<String> parts = ModelMappings.children(decoder);
        String aspp = ModelMappings.DECODER + parts.get(0);
        List<String> branches = ModelMappings.children(decoder.getChildren().get(0).getValue());
        WeightMapping.Builder b = WeightMapping.builder();
        // children: conv1x1, one branch per rate, pooling, projection
        b.sequentialConvBn(aspp + "_" + branches.get(0), "decoder.aspp.convs.0.0", "decoder.aspp.convs.0.1");
        int rates = branches.size() - 3;
        for (int k = 1; k <= rates; k++) {
            separable(b, aspp + "_" + branches.get(k), "decoder.aspp.convs." + k);
        }
        b.convWithBias(aspp + "_" + branches.get(rates + 1) + "_01Conv2d", "decoder.aspp.pooling.0");
        b.sequentialConvBn(aspp + "_" + branches.get(rates + 2) + "_01FoldableSequence", "decoder.aspp.project.0.0",
                "decoder.aspp.project.0.1");
        b.sequentialConvBn(ModelMappings.DECODER + parts.get(1), "decoder.low_level.0", "decoder.low_level.1");
        String refine = ModelMappings.DECODER + parts.get(2);
        separable(b, refine + "_01FoldableSequence", "decoder.refine.0");
        separable(b, refine + "_02FoldableSequence", "decoder.refine.1");
        return ModelMappings.encoderPart(model).plus(b.build()).plus(ModelMappings.head());
    }

    /** seg4j's {@code Atrous.separableBnRelu}: depthwise conv, BN, ReLU, pointwise conv + BN + ReLU. */
    static void separable(WeightMapping.Builder b, String target, String source) {
        b.conv(target + "_01Conv2d", source + ".0");
        b.batchNorm(target + "_02BatchNorm", source + ".1");
        b.sequentialConvBn(target + "_04FoldableSequence", source + ".3.0", source + ".3.1");
    }
}
