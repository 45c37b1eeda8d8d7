package org.seg4j.model.weights;

import ai.djl.nn.Block;
import java.util.List;
import org.seg4j.model.SegmentationModel;
import org.seg4j.model.encoder.MobileNetV3LargeEncoder;

/**
 * seg4j's {@code deeplabv3} with torchvision's {@code deeplabv3_*} names: the encoder under {@code
 * backbone.}, the ASPP under {@code classifier.0} ({@code convs.0} 1x1, {@code convs.k} atrous per
 * rate, {@code convs.n+1} image pooling, {@code project.0/1}), the 3x3 conv + BN as {@code
 * classifier.1/2} and the classifier as {@code classifier.4}. The image-pooling branch follows the
 * built network: with option {@code aspp_pooling conv_bn} it is torchvision's conv ({@code
 * convs.n+1.1}) + BN ({@code convs.n+1.2}); by default it is seg4j's biased 1x1 conv ({@code
 * convs.n+1.1}), as the twin in {@code bench/parity/twins.py}. On {@code mobilenetv3_large} the
 * encoder's units are {@code backbone.0..16}, as torchvision's {@code deeplabv3_mobilenet_v3_large}
 * holds them (see {@link MobileNetV3Mapping#features}); other encoders' tables sit under {@code
 * backbone.}. torchvision's {@code aux_classifier} (a training-only FCN head on {@code layer3}, or
 * on {@code backbone.4} for MobileNetV3) has no counterpart: an import reports its arrays as
 * unused unless they are skipped explicitly ({@link WeightImporter.Builder#addSkipPrefix}).
 */
final class DeepLabV3Mapping {

    private DeepLabV3Mapping() {}

    static WeightMapping table(SegmentationModel model) {
        Block decoder = model.decoder();
        List<String> parts = ModelMappings.children(decoder);
        WeightMapping.Builder b = WeightMapping.builder();
        aspp(b, decoder.getChildren().get(0).getValue(), ModelMappings.DECODER + parts.get(0) + "_", "classifier.0");
        b.sequentialConvBn(ModelMappings.DECODER + parts.get(1), "classifier.1", "classifier.2");
        b.convWithBias(ModelMappings.HEAD + "01projection", "classifier.4");
        WeightMapping encoder = model.encoder() instanceof MobileNetV3LargeEncoder e
                ? MobileNetV3Mapping.features(e, "backbone.").build().prefixed(WeightMappings.MODEL_ENCODER, "")
                : WeightMappings.encoder(model.encoder()).prefixed(WeightMappings.MODEL_ENCODER, "backbone.");
        return encoder.plus(b.build());
    }

    /**
     * An {@link org.seg4j.model.decoder.deeplab.Aspp} ({@code aspp}, whose parameters are named
     * {@code target + child}) with torchvision's ASPP names under {@code source}: {@code convs.0}
     * the 1x1 branch, {@code convs.k} one per rate, {@code convs.n+1} the image pooling ({@code .1}
     * conv, {@code .2} BN with {@code aspp_pooling conv_bn}; otherwise {@code .1} a biased conv),
     * {@code project.0/1} the projection.
     */
    static void aspp(WeightMapping.Builder b, Block aspp, String target, String source) {
        List<String> branches = ModelMappings.children(aspp);
        // children: conv1x1, one branch per rate, pooling, projection
        int pooling = branches.size() - 2;
        for (int k = 0; k < pooling; k++) {
            String s = source + ".convs." + k;
            b.sequentialConvBn(target + branches.get(k), s + ".0", s + ".1");
        }
        String poolingTarget = target + branches.get(pooling);
        String poolingSource = source + ".convs." + pooling;
        Block poolingBlock = aspp.getChildren().get(pooling).getValue();
        if (ModelMappings.children(poolingBlock).stream().anyMatch(c -> c.endsWith("BatchNorm"))) {
            b.sequentialConvBn(poolingTarget, poolingSource + ".1", poolingSource + ".2");
        } else {
            b.convWithBias(poolingTarget + "_01Conv2d", poolingSource + ".1");
        }
        b.sequentialConvBn(target + branches.get(pooling + 1) + "_01FoldableSequence", source + ".project.0",
                source + ".project.1");
    }
}
