package org.seg4j.model.weights;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.seg4j.Seg4jException;

/**
 * The mapping tables by encoder name: PyTorch names first (torchvision's classification models),
 * relative to the encoder. {@link #encoderInModel} places one inside a {@code SegmentationModel}.
 */
public final class WeightMappings {

    /** The child name DJL gives the encoder of a {@code SegmentationModel}. */
    public static final String MODEL_ENCODER = "01encoder_";

    private static final Map<String, Supplier<WeightMapping>> ENCODERS = new LinkedHashMap<>();

    static {
        ENCODERS.put("resnet18", () -> ResNetMapping.table(18));
        ENCODERS.put("resnet34", () -> ResNetMapping.table(34));
        ENCODERS.put("resnet50", () -> ResNetMapping.table(50));
        ENCODERS.put("vgg16", VggMapping::table);
    }

    private WeightMappings() {}

    /** Encoder names with a table. */
    public static java.util.List<String> encoders() {
        return java.util.List.copyOf(ENCODERS.keySet());
    }

    /** The table of encoder {@code name}, relative to the encoder; the error lists the supported ones. */
    public static WeightMapping encoder(String name) {
        Supplier<WeightMapping> s = ENCODERS.get(name);
        if (s == null) {
            throw new Seg4jException("no PyTorch mapping table for encoder '" + name + "'; tables exist for: "
                    + String.join(", ", ENCODERS.keySet()));
        }
        return s.get();
    }

    /** The table of encoder {@code name} for the encoder of a whole segmentation model. */
    public static WeightMapping encoderInModel(String name) {
        return encoder(name).prefixed(MODEL_ENCODER, "");
    }
}
