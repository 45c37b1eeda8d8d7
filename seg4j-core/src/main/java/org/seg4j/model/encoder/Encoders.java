package org.seg4j.model.encoder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import org.seg4j.Seg4jException;
import org.seg4j.model.Encoder;
import org.seg4j.model.ModelOption;
import org.seg4j.model.ModelSpec;

/**
 * Encoders by name: {@code unet}, {@code vgg16}, {@code resnet18}, {@code resnet34}, {@code
 * resnet50}, {@code resnet101}, {@code mobilenetv2}, {@code mobilenetv3_large} and the ViTs. Adding one means one class and one line in the static block.
 * The ResNets and MobileNets read the spec option {@value #OUTPUT_STRIDE}, the ResNets also {@value #IBN}.
 */
public final class Encoders {

    /**
     * One registered encoder.
     *
     * @param name registry name
     * @param description one line for listings
     * @param defaultWidth first-stage channels when the spec leaves the width open
     * @param factory builds the encoder from a width and the spec's options
     * @param options the spec options the factory reads
     */
    public record Entry(String name, String description, int defaultWidth,
            BiFunction<Integer, ModelSpec, Encoder> factory, List<ModelOption> options) {

        public Entry {
            options = options == null ? List.of() : List.copyOf(options);
        }

        /** An encoder that reads no spec options. */
        public Entry(String name, String description, int defaultWidth, BiFunction<Integer, ModelSpec, Encoder> factory) {
            this(name, description, defaultWidth, factory, List.of());
        }
    }

    /** The spec option that asks a ResNet or MobileNet for output stride 16 or 8 (dilated deep stages). */
    public static final String OUTPUT_STRIDE = "output_stride";

    /** Option {@value #OUTPUT_STRIDE} of the dilatable encoders. */
    public static final ModelOption OUTPUT_STRIDE_OPTION = ModelOption.integer(OUTPUT_STRIDE, 32,
            "32, 16 or 8: the deepest stages are dilated instead of strided below 32");

    /** The spec option that turns a ResNet's shallow stages into IBN-a units ({@link ResNetEncoder.Builder#optIbn}). */
    public static final String IBN = "ibn";

    /** Option {@value #IBN} of the ResNets. */
    public static final ModelOption IBN_OPTION = ModelOption.choice(IBN, "none",
            "none or a: IBN-a, half of the channels instance-normalised in the first unit of each block of layer1-3",
            "none", "a");

    /** Options of the ViT encoders (see {@link VitEncoder#fromSpec}). */
    public static final List<ModelOption> VIT_OPTIONS = List.of(
            ModelOption.integer("patch_size", VitEncoder.DEFAULT_PATCH, "patch side = output stride"),
            ModelOption.integer("depth", VitEncoder.DEFAULT_DEPTH, "transformer blocks"),
            ModelOption.integer("heads", "auto: width / 64", "attention heads"),
            ModelOption.integer("mlp_ratio", 4, "MLP width / token width"),
            ModelOption.size("pos_grid", "auto: image_size / patch_size", "positional grid in patches, N or HxW"),
            ModelOption.integer("image_size", VitEncoder.DEFAULT_IMAGE_SIZE,
                    "training image side the positional grid is derived from (without pos_grid)"));

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        register(new Entry("unet", "U-Net contracting path, double conv+BN+ReLU per stage; option depth (default 4)",
                UNetEncoder.DEFAULT_WIDTH, (w, spec) -> UNetEncoder.builder()
                        .optWidth(w)
                        .optDepth(spec.intOption("depth", UNetEncoder.DEFAULT_DEPTH))
                        .build(),
                List.of(ModelOption.integer("depth", UNetEncoder.DEFAULT_DEPTH, "downsampling stages"))));
        register(new Entry("vgg16", "VGG-16 with batch norm, features pool1..pool5 (stride 32)",
                VggEncoder.DEFAULT_WIDTH, (w, spec) -> VggEncoder.builder().optWidth(w).build()));
        register(resnet(18, "basic blocks"));
        register(resnet(34, "basic blocks"));
        register(resnet(50, "bottlenecks"));
        register(resnet(101, "bottlenecks"));
        register(new Entry("mobilenetv2", "MobileNetV2, inverted residuals, width multiplier = width/32; option "
                + "output_stride (32, 16 or 8)", MobileNetV2Encoder.DEFAULT_WIDTH, (w, spec) -> MobileNetV2Encoder
                        .builder()
                        .optWidth(w)
                        .optOutputStride(spec.intOption(OUTPUT_STRIDE, 32))
                        .build(), List.of(OUTPUT_STRIDE_OPTION)));
        register(new Entry(MobileNetV3LargeEncoder.NAME, "MobileNetV3-Large as torchvision's (hard swish, squeeze-excitation), "
                + "width multiplier = width/16; option output_stride (32, 16 = torchvision's dilated, 8)",
                MobileNetV3LargeEncoder.DEFAULT_WIDTH, (w, spec) -> MobileNetV3LargeEncoder.builder()
                        .optWidth(w)
                        .optOutputStride(spec.intOption(OUTPUT_STRIDE, 32))
                        .build(), List.of(OUTPUT_STRIDE_OPTION)));
        register(new Entry("vit-tiny", "ViT-Tiny (width 192, 12 blocks, 3 heads); options patch_size (16), depth, heads, "
                + "pos_grid/image_size", VitEncoder.TINY_WIDTH, (w, spec) -> VitEncoder.fromSpec("vit-tiny", w, spec), VIT_OPTIONS));
        register(new Entry("vit-small", "ViT-Small (width 384, 12 blocks, 6 heads); options as vit-tiny",
                VitEncoder.SMALL_WIDTH, (w, spec) -> VitEncoder.fromSpec("vit-small", w, spec), VIT_OPTIONS));
    }

    private Encoders() {}

    private static Entry resnet(int depth, String blocks) {
        return new Entry("resnet" + depth, "ResNet-" + depth + " (" + blocks + "), stem + 4 stages at strides 2..32; "
                + "options output_stride (32, 16 or 8), ibn (none or a)", ResNetEncoder.DEFAULT_WIDTH, (w, spec) -> ResNetEncoder
                        .builder()
                        .setDepth(depth)
                        .optWidth(w)
                        .optOutputStride(spec.intOption(OUTPUT_STRIDE, 32))
                        .optIbn("a".equalsIgnoreCase(spec.option(IBN, "none").trim()))
                        .build(), List.of(OUTPUT_STRIDE_OPTION, IBN_OPTION));
    }

    /** Registers an encoder (for applications adding their own). */
    public static synchronized void register(Entry entry) {
        ENTRIES.put(entry.name().toLowerCase(Locale.ROOT), entry);
    }

    /** Registered names in registration order. */
    public static synchronized List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(ENTRIES.keySet()));
    }

    /** Whether an encoder of this name is registered. */
    public static synchronized boolean isRegistered(String name) {
        return name != null && ENTRIES.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** The entry for {@code name}; the error lists the valid names. */
    public static synchronized Entry entry(String name) {
        Entry e = ENTRIES.get(name == null ? "" : name.toLowerCase(Locale.ROOT));
        if (e == null) {
            throw new Seg4jException(
                    "unknown encoder '" + name + "'; available: " + String.join(", ", ENTRIES.keySet()));
        }
        return e;
    }

    /**
     * Builds encoder {@code name} with the spec's width (or the encoder's default) and options.
     * The spec's own encoder field is not consulted, so architectures can resolve defaults first.
     */
    public static Encoder create(String name, ModelSpec spec) {
        Entry e = entry(name);
        return e.factory().apply(spec.widthOr(e.defaultWidth()), spec);
    }

    /** Builds encoder {@code name} with the given first-stage width and default options. */
    public static Encoder create(String name, int width) {
        Entry e = entry(name);
        ModelSpec defaults = new ModelSpec("encoder", name, 1, width, Map.of());
        return e.factory().apply(width > 0 ? width : e.defaultWidth(), defaults);
    }
}
