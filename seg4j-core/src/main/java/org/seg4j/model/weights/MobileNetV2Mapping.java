package org.seg4j.model.weights;

import ai.djl.nn.Block;
import ai.djl.util.Pair;
import java.util.List;
import org.seg4j.model.layer.Residual;

/**
 * torchvision's {@code mobilenet_v2} names ({@code features.0} the stem, {@code features.1..17} the
 * inverted residuals) onto seg4j's {@code MobileNetV2Encoder}, relative to the encoder. In
 * torchvision's units the convolutions with ReLU6 are {@code conv.k.0} (conv) and {@code conv.k.1}
 * (BN); the linear projection is the unit's last two children, a bare conv and its BN ({@code
 * conv.1/2} without expansion, {@code conv.2/3} with it). The table is read off the built encoder,
 * whose units are identity-shortcut {@code Residual}s or plain sequences depending on width and
 * output stride. The final 1x1 conv to 1280 channels ({@code features.18}) and the classifier have
 * no counterpart.
 */
final class MobileNetV2Mapping {

    private static final String NO_COUNTERPART = "MobileNetV2's last 1x1 conv and ImageNet classifier, which seg4j's "
            + "encoder leaves out";

    private MobileNetV2Mapping() {}

    static WeightMapping table(Block encoder) {
        WeightMapping.Builder b = WeightMapping.builder();
        int feature = 0;
        for (Pair<String, Block> stage : encoder.getChildren()) {
            for (Pair<String, Block> unit : stage.getValue().getChildren()) {
                String target = stage.getKey() + "_" + unit.getKey();
                if (unit.getKey().endsWith("ConvBn")) {
                    b.convBn(target, "features.0.0", "features.0.1");
                    feature = 1;
                    continue;
                }
                Block main = unit.getValue();
                if (main instanceof Residual) {
                    target += "_" + main.getChildren().get(0).getKey();
                    main = main.getChildren().get(0).getValue();
                }
                List<String> convs = ModelMappings.children(main);
                String source = "features." + feature + ".conv.";
                int last = convs.size() - 1;
                for (int k = 0; k < last; k++) {
                    b.convBn(target + "_" + convs.get(k), source + k + ".0", source + k + ".1");
                }
                b.convBn(target + "_" + convs.get(last), source + last, source + (last + 1));
                feature++;
            }
        }
        for (String p : new String[] {"features.18.0.weight", "features.18.1.weight", "features.18.1.bias",
                "features.18.1.running_mean", "features.18.1.running_var", "classifier.1.weight", "classifier.1.bias"}) {
            b.ignore(p, NO_COUNTERPART);
        }
        return b.build();
    }
}
