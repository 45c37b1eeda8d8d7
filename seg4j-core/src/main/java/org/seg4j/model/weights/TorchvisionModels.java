package org.seg4j.model.weights;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seg4j.Seg4jException;
import org.seg4j.model.ModelSpec;

/**
 * The seg4j specs of torchvision's whole segmentation models, by torchvision's builder name: the
 * network whose {@code state_dict()} imports unchanged through {@link ModelMappings} and whose
 * logits equal torchvision's.
 *
 * <ul>
 *   <li>{@code deeplabv3_resnet50}, {@code deeplabv3_resnet101}: {@code deeplabv3}, ResNet at
 *       output stride 8, ASPP rates 12/24/36 with torchvision's image-pooling branch ({@code
 *       aspp_pooling conv_bn}), dropout 0.5;
 *   <li>{@code fcn_resnet50}, {@code fcn_resnet101}: {@code fcn}, ResNet at output stride 8;
 *   <li>{@code deeplabv3_mobilenet_v3_large}: {@code deeplabv3}, MobileNetV3-Large at output stride
 *       16 (torchvision's {@code dilated=True}), otherwise as {@code deeplabv3_resnet50}.
 * </ul>
 *
 * All use {@code pad none}: no padding, the logits resized bilinearly to the input, as torchvision.
 * torchvision's optional {@code aux_classifier} (training only) has no seg4j counterpart and must
 * be skipped explicitly on import.
 */
public final class TorchvisionModels {

    private static final Map<String, ModelSpec> SPECS = new LinkedHashMap<>();

    static {
        for (String depth : List.of("50", "101")) {
            SPECS.put("deeplabv3_resnet" + depth, new ModelSpec("deeplabv3", "resnet" + depth, 1, 0, Map.of(
                    "output_stride", "8", "atrous_rates", "12,24,36", "aspp_pooling", "conv_bn", "dropout", "0.5",
                    "pad", "none")));
            SPECS.put("fcn_resnet" + depth, new ModelSpec("fcn", "resnet" + depth, 1, 0, Map.of(
                    "output_stride", "8", "dropout", "0.1", "pad", "none")));
        }
        SPECS.put("deeplabv3_mobilenet_v3_large", new ModelSpec("deeplabv3", "mobilenetv3_large", 1, 0, Map.of(
                "output_stride", "16", "atrous_rates", "12,24,36", "aspp_pooling", "conv_bn", "dropout", "0.5",
                "pad", "none")));
    }

    private TorchvisionModels() {}

    /** The torchvision names with a seg4j spec. */
    public static List<String> names() {
        return List.copyOf(SPECS.keySet());
    }

    /**
     * The spec of torchvision model {@code name} for {@code numClasses} classes, with {@code
     * overrides} replacing or adding options; the error lists the supported names.
     */
    public static ModelSpec spec(String name, int numClasses, Map<String, String> overrides) {
        ModelSpec base = SPECS.get(name == null ? "" : name.trim().toLowerCase(Locale.ROOT));
        if (base == null) {
            throw new Seg4jException("no seg4j counterpart of torchvision model '" + name + "'; supported: "
                    + String.join(", ", SPECS.keySet()));
        }
        Map<String, String> options = new LinkedHashMap<>(base.options());
        options.putAll(overrides);
        return new ModelSpec(base.architecture(), base.encoder(), numClasses, base.baseWidth(), options);
    }
}
