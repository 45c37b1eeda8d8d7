package org.seg4j.infer;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.RgbImage;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;

/**
 * Tiny test architectures registered in {@link ModelRegistry}.
 *
 * <p>{@code test-pointwise}: a 1x1 convolution whose weights {@link #setPointwiseWeights} sets to
 * {@code logit_c = 10 * channel_c} (for 3 classes). With mean 0 and std 1 the predicted class of a
 * pixel is its dominant colour channel (0 = red, 1 = green, 2 = blue).
 *
 * <p>{@code test-conv3}: two 3x3 convolutions (padding 1) with a ReLU, randomly initialised.
 */
public final class TestModels {

    public static final String POINTWISE = "test-pointwise";
    public static final String CONV3 = "test-conv3";

    static {
        ModelRegistry.register(new ModelRegistry.Entry(POINTWISE, "1x1 conv (tests)", "", List.of(),
                spec -> Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(spec.numClasses()).build()));
        ModelRegistry.register(new ModelRegistry.Entry(CONV3, "3x3 conv stack (tests)", "", List.of(), spec -> {
            SequentialBlock b = new SequentialBlock();
            b.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(8).build());
            b.add(Activation::relu);
            b.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                    .setFilters(spec.numClasses()).build());
            return b;
        }));
    }

    private TestModels() {}

    /** Makes sure the static registrations ran. */
    public static void register() {}

    public static ClassMeta rgbClasses() {
        return ClassMeta.of(new String[] {"red", "green", "blue"},
                new int[][] {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}}, 255);
    }

    public static ModelManifest manifest(String architecture, int trainSize, double scale) {
        ModelSpec spec = ModelSpec.of(architecture, 3);
        var pre = new ModelManifest.Preprocessing(trainSize, trainSize, new float[] {0, 0, 0},
                new float[] {1, 1, 1}, scale);
        var prov = new ModelManifest.Provenance("test", "0.35.1", "2.7.1", "", 1, "", "2026-01-01T00:00:00Z",
                Map.of());
        return new ModelManifest(ModelManifest.FORMAT_VERSION, spec, rgbClasses(), pre, prov, Map.of());
    }

    /** A block built and initialised in {@code manager}; pointwise blocks get their fixed weights. */
    public static Block build(ModelManifest manifest, NDManager manager) {
        register();
        Block block = ModelRegistry.create(manifest.model());
        ModelDirectory.initialize(block, manager, 32, 32);
        if (manifest.model().architecture().equals(POINTWISE)) {
            setPointwiseWeights(block);
        }
        return block;
    }

    /** Sets the 1x1 conv to {@code logit_c = 10 * channel_c}, no bias. */
    public static void setPointwiseWeights(Block block) {
        float[] w = new float[9];
        for (int c = 0; c < 3; c++) {
            w[c * 3 + c] = 10f;
        }
        block.getParameters().get("weight").getArray().set(w);
        block.getParameters().get("bias").getArray().set(new float[3]);
    }

    /** Saves a model directory for the architecture (pointwise gets fixed weights). */
    public static Path saveModel(Path dir, String architecture, int trainSize, double scale) {
        ModelManifest manifest = manifest(architecture, trainSize, scale);
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = build(manifest, m);
            ModelDirectory.save(dir, manifest, block);
        }
        return dir;
    }

    /** Random image whose pixels have a unique dominant channel. */
    public static RgbImage randomImage(int w, int h, long seed) {
        Random r = new Random(seed);
        byte[] d = new byte[w * h * 3];
        for (int i = 0; i < w * h; i++) {
            int dom = r.nextInt(3);
            for (int c = 0; c < 3; c++) {
                d[i * 3 + c] = (byte) (c == dom ? 160 + r.nextInt(96) : r.nextInt(140));
            }
        }
        return new RgbImage(w, h, d);
    }

    /** Image of axis-aligned blocks of {@code block} pixels, each a pure red, green or blue. */
    public static RgbImage blockImage(int w, int h, int block, long seed) {
        Random r = new Random(seed);
        int bw = (w + block - 1) / block;
        int bh = (h + block - 1) / block;
        int[] cls = new int[bw * bh];
        for (int i = 0; i < cls.length; i++) {
            cls[i] = r.nextInt(3);
        }
        byte[] d = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int c = cls[(y / block) * bw + x / block];
                d[(y * w + x) * 3 + c] = (byte) 200;
            }
        }
        return new RgbImage(w, h, d);
    }

    /** The dominant channel of every pixel (first one on ties). */
    public static byte[] dominantChannel(RgbImage img) {
        byte[] out = new byte[img.width() * img.height()];
        byte[] d = img.data();
        for (int i = 0; i < out.length; i++) {
            int best = 0;
            for (int c = 1; c < 3; c++) {
                if ((d[i * 3 + c] & 0xFF) > (d[i * 3 + best] & 0xFF)) {
                    best = c;
                }
            }
            out[i] = (byte) best;
        }
        return out;
    }
}
