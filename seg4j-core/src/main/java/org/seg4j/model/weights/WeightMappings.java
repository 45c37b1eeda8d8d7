package org.seg4j.model.weights;

import ai.djl.nn.Block;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.seg4j.Seg4jException;
import org.seg4j.model.Encoder;
import org.seg4j.model.encoder.Encoders;
import org.seg4j.model.encoder.MobileNetV3LargeEncoder;
import org.seg4j.model.encoder.ResNetEncoder;

/**
 * The mapping tables by encoder name: PyTorch names first (torchvision's classification models),
 * relative to the encoder. A table is a function of the built encoder, so that it follows its
 * structure (MobileNetV2's identity shortcuts depend on width and output stride). {@link
 * #encoderInModel} places one inside a {@code SegmentationModel}.
 */
public final class WeightMappings {

    /** The child name DJL gives the encoder of a {@code SegmentationModel}. */
    public static final String MODEL_ENCODER = "01encoder_";

    private static final Map<String, Function<Block, WeightMapping>> ENCODERS = new LinkedHashMap<>();

    static {
        ENCODERS.put("resnet18", e -> resnet(e, 18));
        ENCODERS.put("resnet34", e -> resnet(e, 34));
        ENCODERS.put("resnet50", e -> resnet(e, 50));
        ENCODERS.put("resnet101", e -> resnet(e, 101));
        ENCODERS.put("vgg16", e -> VggMapping.table());
        ENCODERS.put("mobilenetv2", MobileNetV2Mapping::table);
        ENCODERS.put(MobileNetV3LargeEncoder.NAME, MobileNetV3Mapping::table);
    }

    private WeightMappings() {}

    private static WeightMapping resnet(Block encoder, int depth) {
        if (encoder instanceof ResNetEncoder r && r.ibn()) {
            throw new Seg4jException("encoder resnet" + depth + " with model option ibn=a has instance-batch norm units"
                    + " that torchvision's ResNet lacks, so no PyTorch weights map onto it; train it from scratch, or"
                    + " leave ibn at none to import or export torchvision weights");
        }
        return ResNetMapping.table(depth);
    }

    /** Encoder names with a table. */
    public static java.util.List<String> encoders() {
        return java.util.List.copyOf(ENCODERS.keySet());
    }

    /**
     * The table of encoder {@code name} at its default width and output stride, relative to the
     * encoder; the error lists the supported ones.
     */
    public static WeightMapping encoder(String name) {
        table(name);
        return encoder(Encoders.create(name, 0));
    }

    /** The table of {@code encoder} as built, relative to the encoder; the error lists the supported ones. */
    public static WeightMapping encoder(Encoder encoder) {
        return table(encoder.name()).apply((Block) encoder);
    }

    /** The table of {@code encoder} for the encoder of a whole segmentation model. */
    public static WeightMapping encoderInModel(Encoder encoder) {
        return encoder(encoder).prefixed(MODEL_ENCODER, "");
    }

    private static Function<Block, WeightMapping> table(String name) {
        Function<Block, WeightMapping> f = ENCODERS.get(name);
        if (f == null) {
            throw new Seg4jException("no PyTorch mapping table for encoder '" + name + "'; tables exist for: "
                    + String.join(", ", ENCODERS.keySet()));
        }
        return f;
    }
}
