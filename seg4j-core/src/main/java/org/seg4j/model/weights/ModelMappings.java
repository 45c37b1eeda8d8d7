package org.seg4j.model.weights;

import ai.djl.nn.Block;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.seg4j.Seg4jException;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModel;
import org.seg4j.model.decoder.fcn.DilatedFcn;

/**
 * Mapping tables of whole models (encoder, decoder and head), by architecture. The encoder part is
 * the encoder's own table (torchvision names) under {@code encoder.}; decoder and head names are
 * those of the PyTorch twins in {@code bench/parity/twins.py}, except for {@code deeplabv3} and
 * {@code fcn}, whose tables use torchvision's own names ({@code backbone.}, {@code classifier.}; see
 * {@link TorchvisionModels}). A table is a function of the built
 * network, so that it follows its options (depth, atrous rates).
 */
public final class ModelMappings {

    /** The child names DJL gives a {@code SegmentationModel}'s decoder and head. */
    static final String DECODER = "02decoder_";
    static final String HEAD = "03head_";

    private static final Map<String, Function<SegmentationModel, WeightMapping>> MODELS = new LinkedHashMap<>();

    static {
        register("unet", UNetMapping::table);
        register("deeplabv3plus", DeepLabV3PlusMapping::table);
        register(SelfieMapping.architecture(), m -> SelfieMapping.table());
        register("deeplabv3", DeepLabV3Mapping::table);
        register(DilatedFcn.NAME, DilatedFcnMapping::table);
        register("pspnet", PspMapping::table);
        register("fcn8s", FcnMapping::table);
        register("fcn16s", FcnMapping::table);
        register("fcn32s", FcnMapping::table);
        register("fastscnn", FastScnnMapping::table);
        register("segnet", SegNetMapping::table);
        register("parsenet", ParseNetMapping::table);
        register("fastfcn", FastFcnMapping::table);
        register("segmenter", SegmenterMapping::table);
        register("lraspp", LrAsppMapping::table);
    }

    private ModelMappings() {}

    /** Registers a whole-model table for an architecture. */
    public static synchronized void register(String architecture, Function<SegmentationModel, WeightMapping> table) {
        MODELS.put(architecture, table);
    }

    /** Architectures with a whole-model table. */
    public static synchronized List<String> architectures() {
        return List.copyOf(MODELS.keySet());
    }

    /**
     * The whole-model table for {@code model}, built from {@code spec}; the error lists the
     * architectures that have one.
     */
    public static WeightMapping model(ModelSpec spec, Block model) {
        Function<SegmentationModel, WeightMapping> f;
        synchronized (ModelMappings.class) {
            f = MODELS.get(spec.architecture());
        }
        if (f == null || !(model instanceof SegmentationModel m)) {
            throw new Seg4jException("no whole-model PyTorch mapping table for '" + spec.architecture()
                    + "' (tables exist for: " + String.join(", ", architectures()) + "); import or export the encoder "
                    + "alone with --encoder-only");
        }
        return f.apply(m);
    }

    /**
     * The table of {@code model} built from {@code spec}: the encoder's alone (torchvision names,
     * no prefix) or the whole model's ({@link #model}). Import and export use the same one.
     */
    static WeightMapping forModel(ModelSpec spec, Block model, boolean encoderOnly) {
        if (!encoderOnly) {
            return model(spec, model);
        }
        if (model instanceof SegmentationModel m) {
            return WeightMappings.encoderInModel(m.encoder());
        }
        return WeightMappings.encoder(architectureDefaultEncoder(spec)).prefixed(WeightMappings.MODEL_ENCODER, "");
    }

    /** The encoder's table inside a whole model: seg4j {@code 01encoder_}, PyTorch {@code encoder.}. */
    static WeightMapping encoderPart(SegmentationModel model) {
        return WeightMappings.encoder(model.encoder()).prefixed(WeightMappings.MODEL_ENCODER, "encoder.");
    }

    /** The head's 1x1 projection (with bias) from the twin's {@code head}. */
    static WeightMapping head() {
        return WeightMapping.builder().convWithBias(HEAD + "01projection", "head").build();
    }

    /** Child names of {@code block} in order ({@code 01aspp}, {@code 02low_level}, ...). */
    static List<String> children(Block block) {
        return block.getChildren().keys();
    }

    static String architectureDefaultEncoder(ModelSpec spec) {
        return spec.encoderOr(ModelRegistry.entry(spec.architecture()).defaultEncoder());
    }
}
