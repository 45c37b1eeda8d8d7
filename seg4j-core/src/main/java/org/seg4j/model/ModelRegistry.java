package org.seg4j.model;

import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.seg4j.Seg4jException;
import org.seg4j.model.decoder.deeplab.DeepLabV3;
import org.seg4j.model.decoder.deeplab.DeepLabV3Plus;
import org.seg4j.model.decoder.fastfcn.FastFcn;
import org.seg4j.model.decoder.fastscnn.FastScnn;
import org.seg4j.model.decoder.parsenet.ParseNet;
import org.seg4j.model.decoder.pspnet.PSPNet;
import org.seg4j.model.decoder.segnet.SegNet;

/**
 * Architectures by name. Adding an architecture means one new decoder class and one line in the
 * static block below.
 */
public final class ModelRegistry {

    /**
     * One registered architecture.
     *
     * @param name registry name
     * @param description one line for {@code seg4j models}
     * @param defaultEncoder encoder used when the spec names none
     * @param encoders encoder names this architecture accepts
     * @param factory builds the network from a spec
     */
    public record Entry(
            String name,
            String description,
            String defaultEncoder,
            List<String> encoders,
            Function<ModelSpec, Block> factory) {}

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    /** Encoders accepted by DeepLabV3(+), PSPNet, ParseNet and FastFCN (unet: for small tests). */
    private static final List<String> BACKBONE_ENCODERS =
            List.of("vgg16", "resnet18", "resnet34", "resnet50", "mobilenetv2", "unet");

    /** Convolutional encoders with several strides, for U-Net and FCN. */
    private static final List<String> CNN_ENCODERS =
            List.of("unet", "vgg16", "resnet18", "resnet34", "resnet50", "mobilenetv2");

    static {
        // Architectures register here, one line each.
        register(new Entry("unet", "U-Net: encoder + bilinear-upsampling decoder with skip concatenation",
                "unet", CNN_ENCODERS, Architectures::unet));
        register(new Entry("fcn8s", "FCN-8s: score layers on pool3/4/5 fused by learned upsampling (option variant: 8/16/32)",
                "vgg16", CNN_ENCODERS, Architectures::fcn));
        register(new Entry("deeplabv3", "DeepLabV3: ASPP (atrous rates 6/12/18 at output stride 16, image pooling) on a dilated encoder",
                DeepLabV3.DEFAULT_ENCODER, BACKBONE_ENCODERS, DeepLabV3::create));
        register(new Entry("deeplabv3plus", "DeepLabV3+: separable ASPP + low-level (stride 4) decoder with separable convs",
                DeepLabV3.DEFAULT_ENCODER, BACKBONE_ENCODERS, DeepLabV3Plus::create));
        register(new Entry("pspnet", "PSPNet: pyramid pooling (bins 1/2/3/6) on a dilated encoder",
                PSPNet.DEFAULT_ENCODER, BACKBONE_ENCODERS, PSPNet::create));
        register(new Entry("parsenet", "ParseNet: global context (L2-normalised global pooling, unpooled and concatenated)",
                ParseNet.DEFAULT_ENCODER, BACKBONE_ENCODERS, ParseNet::create));
        register(new Entry("fastfcn", "FastFCN: joint pyramid upsampling of strides 8/16/32 (undilated encoder) + FCN or ASPP head",
                FastFcn.DEFAULT_ENCODER, BACKBONE_ENCODERS, FastFcn::create));
        register(new Entry("segnet", "SegNet: VGG-16 encoder-decoder, upsampling by max-unpooling with the pooling switches",
                "vgg16", List.of("vgg16"), SegNet::create));
        register(new Entry("fastscnn", "Fast-SCNN: real-time two-branch network (stride-8 detail + stride-32 context)",
                "fastscnn", List.of("fastscnn"), FastScnn::create));
        register(new Entry("segmenter", "Segmenter: ViT encoder + mask transformer decoder (options patch_size, depth, dec_depth, pos_grid)",
                "vit-tiny", List.of("vit-tiny", "vit-small"), Architectures::segmenter));
    }

    private ModelRegistry() {}

    /** Registers an architecture (used by the static block and by applications adding their own). */
    public static synchronized void register(Entry entry) {
        ENTRIES.put(entry.name().toLowerCase(Locale.ROOT), entry);
    }

    /** All registered entries in registration order. */
    public static synchronized List<Entry> entries() {
        return Collections.unmodifiableList(new ArrayList<>(ENTRIES.values()));
    }

    /** Registered names. */
    public static List<String> names() {
        return entries().stream().map(Entry::name).toList();
    }

    /** The entry for {@code name}; the error lists the valid names. */
    public static synchronized Entry entry(String name) {
        Entry e = ENTRIES.get(name == null ? "" : name.toLowerCase(Locale.ROOT));
        if (e == null) {
            throw new Seg4jException("unknown model '" + name + "'; available: " + String.join(", ", ENTRIES.keySet()));
        }
        return e;
    }

    /** Builds the (uninitialised) network described by {@code spec}. */
    public static Block create(ModelSpec spec) {
        Entry e = entry(spec.architecture());
        String encoder = spec.encoderOr(e.defaultEncoder());
        if (!e.encoders().isEmpty() && !e.encoders().contains(encoder)) {
            throw new Seg4jException("model '" + e.name() + "' does not work with encoder '" + encoder
                    + "'; it accepts: " + String.join(", ", e.encoders()));
        }
        return e.factory().apply(spec);
    }
}
