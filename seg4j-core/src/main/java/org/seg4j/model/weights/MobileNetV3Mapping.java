package org.seg4j.model.weights;

import ai.djl.nn.Block;
import ai.djl.util.Pair;
import org.seg4j.model.layer.ConvBn;
import org.seg4j.model.layer.Residual;
import org.seg4j.model.layer.SqueezeExcitation;

/**
 * torchvision's {@code mobilenet_v3_large} names onto seg4j's {@code MobileNetV3LargeEncoder},
 * relative to the encoder: {@code features.0} the stem and {@code features.16} the last 1x1 conv
 * ({@code .0} conv, {@code .1} BN), {@code features.1..15} the inverted residuals, whose {@code
 * block.k} children are conv + BN units ({@code block.k.0}, {@code block.k.1}: expansion where
 * there is one, depthwise, projection) and the squeeze-excitation ({@code block.k.fc1}, {@code
 * block.k.fc2}, biased 1x1 convs). The table is read off the built encoder, so it follows the
 * width multiplier (which decides where the expansion is left out). The classification table
 * expects the ImageNet classifier ({@code classifier.0}, {@code classifier.3}) to stay unused;
 * torchvision's segmentation models hold the same units as {@code backbone.N} ({@link #features}).
 */
final class MobileNetV3Mapping {

    private static final String NO_COUNTERPART = "MobileNetV3's ImageNet classifier, which seg4j's encoder leaves out";

    private MobileNetV3Mapping() {}

    /** The classification model's table: {@code features.N}, classifier unused. */
    static WeightMapping table(Block encoder) {
        WeightMapping.Builder b = features(encoder, "features.");
        for (String p : new String[] {"classifier.0.weight", "classifier.0.bias", "classifier.3.weight",
                "classifier.3.bias"}) {
            b.ignore(p, NO_COUNTERPART);
        }
        return b.build();
    }

    /**
     * The encoder's units with their torchvision sources named {@code prefix + N}: {@code
     * "features."} in the classification model, {@code "backbone."} in torchvision's LR-ASPP and
     * DeepLabV3 (an {@code IntermediateLayerGetter} over {@code features}).
     */
    static WeightMapping.Builder features(Block encoder, String prefix) {
        WeightMapping.Builder b = WeightMapping.builder();
        int n = 0;
        for (Pair<String, Block> stage : encoder.getChildren()) {
            for (Pair<String, Block> unit : stage.getValue().getChildren()) {
                String target = stage.getKey() + "_" + unit.getKey();
                String source = prefix + n;
                Block block = unit.getValue();
                if (block instanceof ConvBn) {
                    b.convBn(target, source + ".0", source + ".1");
                } else {
                    if (block instanceof Residual r) {
                        target += "_" + block.getChildren().get(0).getKey();
                        block = r.main();
                    }
                    int k = 0;
                    for (Pair<String, Block> child : block.getChildren()) {
                        String t = target + "_" + child.getKey();
                        String s = source + ".block." + k;
                        if (child.getValue() instanceof SqueezeExcitation se) {
                            b.convWithBias(t + "_" + se.getChildren().get(0).getKey(), s + ".fc1");
                            b.convWithBias(t + "_" + se.getChildren().get(1).getKey(), s + ".fc2");
                        } else {
                            b.convBn(t, s + ".0", s + ".1");
                        }
                        k++;
                    }
                }
                n++;
            }
        }
        return b;
    }
}
