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
import org.seg4j.model.decoder.lraspp.LrAspp;
import org.seg4j.model.decoder.fcn.DilatedFcn;
import org.seg4j.model.decoder.panoptic.PanopticDeepLab;
import org.seg4j.model.decoder.parsenet.ParseNet;
import org.seg4j.model.decoder.pspnet.PSPNet;
import org.seg4j.model.decoder.segnet.SegNet;
import org.seg4j.model.decoder.selfie.MediaPipeSelfie;
import org.seg4j.model.decoder.selfie.SelfieEncoder;
import org.seg4j.model.encoder.MobileNetV3LargeEncoder;

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
     * @param options the spec options the factory reads itself (the encoder's come from {@link
     *     org.seg4j.model.encoder.Encoders}); a spec setting any other is rejected
     * @param classes the only class count the architecture supports (a pretrained network's), or 0
     *     for any
     */
    public record Entry(
            String name,
            String description,
            String defaultEncoder,
            List<String> encoders,
            Function<ModelSpec, Block> factory,
            List<ModelOption> options,
            int classes) {

        public Entry {
            options = options == null ? List.of() : List.copyOf(options);
        }

        /** An architecture for any number of classes. */
        public Entry(String name, String description, String defaultEncoder, List<String> encoders,
                Function<ModelSpec, Block> factory, List<ModelOption> options) {
            this(name, description, defaultEncoder, encoders, factory, options, 0);
        }

        /** An architecture that reads no options of its own. */
        public Entry(String name, String description, String defaultEncoder, List<String> encoders,
                Function<ModelSpec, Block> factory) {
            this(name, description, defaultEncoder, encoders, factory, List.of());
        }
    }

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    /** Encoders accepted by DeepLabV3(+), PSPNet, ParseNet and FastFCN (unet: for small tests). */
    private static final List<String> BACKBONE_ENCODERS =
            List.of("vgg16", "resnet18", "resnet34", "resnet50", "resnet101", "mobilenetv2", MobileNetV3LargeEncoder.NAME, "unet");

    /** Convolutional encoders with several strides, for U-Net and FCN. */
    private static final List<String> CNN_ENCODERS =
            List.of("unet", "vgg16", "resnet18", "resnet34", "resnet50", "resnet101", "mobilenetv2", MobileNetV3LargeEncoder.NAME);

    static {
        // Architectures register here, one line each.
        register(new Entry("unet", "U-Net: encoder + bilinear-upsampling decoder with skip concatenation",
                "unet", CNN_ENCODERS, Architectures::unet, Architectures.UNET_OPTIONS));
        register(new Entry("fcn8s", "FCN-8s: score layers on pool3/4/5 fused by learned upsampling",
                "vgg16", CNN_ENCODERS, spec -> Architectures.fcn(spec, 8), Architectures.FCN_OPTIONS));
        register(new Entry("fcn16s", "FCN-16s: score layers on pool4/5 fused by learned upsampling",
                "vgg16", CNN_ENCODERS, spec -> Architectures.fcn(spec, 16), Architectures.FCN_OPTIONS));
        register(new Entry("fcn32s", "FCN-32s: score layer on pool5, learned x32 upsampling",
                "vgg16", CNN_ENCODERS, spec -> Architectures.fcn(spec, 32), Architectures.FCN_OPTIONS));
        register(new Entry(DilatedFcn.NAME, "FCN on a dilated encoder (torchvision's fcn_resnet50): output stride 8, "
                + "3x3 conv + BN + ReLU head, bilinear upsampling", DilatedFcn.DEFAULT_ENCODER, BACKBONE_ENCODERS,
                DilatedFcn::create, DilatedFcn.OPTIONS));
        register(new Entry("deeplabv3", "DeepLabV3: ASPP (atrous rates 6/12/18 at output stride 16, image pooling) on a dilated encoder",
                DeepLabV3.DEFAULT_ENCODER, BACKBONE_ENCODERS, DeepLabV3::create, DeepLabV3.OPTIONS));
        register(new Entry("deeplabv3plus", "DeepLabV3+: separable ASPP + low-level (stride 4) decoder with separable convs",
                DeepLabV3.DEFAULT_ENCODER, BACKBONE_ENCODERS, DeepLabV3Plus::create, DeepLabV3Plus.OPTIONS));
        register(new Entry("pspnet", "PSPNet: pyramid pooling (bins 1/2/3/6) on a dilated encoder",
                PSPNet.DEFAULT_ENCODER, BACKBONE_ENCODERS, PSPNet::create, PSPNet.OPTIONS));
        register(new Entry("parsenet", "ParseNet: global context (L2-normalised global pooling, unpooled and concatenated)",
                ParseNet.DEFAULT_ENCODER, BACKBONE_ENCODERS, ParseNet::create, ParseNet.OPTIONS));
        register(new Entry("fastfcn", "FastFCN: joint pyramid upsampling of strides 8/16/32 (undilated encoder) + FCN or ASPP head",
                FastFcn.DEFAULT_ENCODER, BACKBONE_ENCODERS, FastFcn::create, FastFcn.OPTIONS));
        register(new Entry("segnet", "SegNet: VGG-16 encoder-decoder, upsampling by max-unpooling with the pooling switches",
                "vgg16", List.of("vgg16"), SegNet::create, SegNet.OPTIONS));
        register(new Entry("fastscnn", "Fast-SCNN: real-time two-branch network (stride-8 detail + stride-32 context)",
                "fastscnn", List.of("fastscnn"), FastScnn::create, FastScnn.OPTIONS));
        register(new Entry(LrAspp.NAME, "LR-ASPP: torchvision's fast model, MobileNetV3-Large (output stride 16) + gated "
                + "high-level branch and stride-8 classifier", LrAspp.DEFAULT_ENCODER,
                List.of(MobileNetV3LargeEncoder.NAME, "mobilenetv2", "resnet18", "resnet34", "resnet50"), LrAspp::create,
                LrAspp.OPTIONS));
        register(new Entry("segmenter", "Segmenter: ViT encoder + mask transformer decoder",
                "vit-tiny", List.of("vit-tiny", "vit-small"), Architectures::segmenter, Architectures.SEGMENTER_OPTIONS));
        register(new Entry(PanopticDeepLab.NAME, "Panoptic-DeepLab: DeepLabV3+ semantic branch + instance branch "
                + "(centre heat map, offsets) on one encoder; task panoptic",
                DeepLabV3.DEFAULT_ENCODER, BACKBONE_ENCODERS, PanopticDeepLab::create, PanopticDeepLab.OPTIONS));
        register(new Entry(MediaPipeSelfie.NAME, "MediaPipe selfie segmentation: MobileNetV3-like encoder, SE-gated decoder, "
                + "background/person (pretrained weights: seg4j predict --model selfie)",
                SelfieEncoder.NAME, List.of(SelfieEncoder.NAME), MediaPipeSelfie::create, MediaPipeSelfie.OPTIONS,
                MediaPipeSelfie.CLASSES));
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

    /** Whether an architecture of this name is registered. */
    public static synchronized boolean isRegistered(String name) {
        return name != null && ENTRIES.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** The entry for {@code name}; the error lists the valid names. */
    public static synchronized Entry entry(String name) {
        Entry e = ENTRIES.get(name == null ? "" : name.toLowerCase(Locale.ROOT));
        if (e == null) {
            throw new Seg4jException("unknown model '" + name + "'; available: " + String.join(", ", ENTRIES.keySet()));
        }
        return e;
    }

    /**
     * The encoder {@code entry} is built with: {@code encoder}, or the entry's default when it is
     * empty or {@code null}; an encoder the architecture does not accept is a user error.
     */
    public static String acceptedEncoder(Entry entry, String encoder) {
        String enc = encoder == null || encoder.isEmpty() ? entry.defaultEncoder() : encoder;
        if (!entry.encoders().isEmpty() && !entry.encoders().contains(enc)) {
            throw new Seg4jException("model '" + entry.name() + "' does not work with encoder '" + enc
                    + "'; it accepts: " + String.join(", ", entry.encoders()));
        }
        return enc;
    }

    /** Builds the (uninitialised) network described by {@code spec}, after checking its encoder and options. */
    public static Block create(ModelSpec spec) {
        Entry e = entry(spec.architecture());
        ModelOptions.check(e.name(), spec.encoder(), spec.options());
        Block block = e.factory().apply(spec);
        // Architectures that are not an encoder-decoder SegmentationModel have no place for the memory.
        if (TemporalOptions.isTemporal(spec) && !(block instanceof SegmentationModel m && m.isTemporal())) {
            throw new Seg4jException(e.name() + " has no temporal variant: model option temporal (task "
                    + "video) needs an encoder-decoder architecture such as fastscnn, deeplabv3plus or unet");
        }
        return block;
    }
}
