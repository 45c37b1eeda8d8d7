package org.seg4j.infer.region;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import org.seg4j.Seg4jException;
import org.seg4j.model.Encoder;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModel;
import org.seg4j.model.layer.Spatial;
import org.seg4j.util.AtomicFiles;
import org.seg4j.util.GradientsOff;

/**
 * The encoder of a seg4j network, run once per image to give the shared feature map that every
 * region's features are pooled from. It is the encoder of the network {@link #spec()} describes
 * (a trained model's, for {@code --init}, or a freshly initialised one); its output is the deepest
 * stage whose reduction is at most the requested feature stride. Inputs are padded (reflected) to a
 * multiple of the encoder's output stride, as {@link SegmentationModel} does. Closing it frees the
 * parameters.
 */
public final class RegionEncoder implements AutoCloseable {

    private final ModelSpec spec;
    private final Encoder encoder;
    private final NDManager manager;
    private final int stage;
    private final ReentrantLock lock = new ReentrantLock();

    private RegionEncoder(ModelSpec spec, Encoder encoder, NDManager manager, int featureStride) {
        this.spec = spec;
        this.encoder = encoder;
        this.manager = manager;
        int[] r = encoder.reductions();
        int chosen = 0;
        for (int i = 0; i < r.length; i++) {
            if (r[i] <= featureStride) {
                chosen = i;
            }
        }
        this.stage = chosen;
    }

    /** The encoder of a fresh network built from {@code spec} (random weights, seeded by the engine). */
    public static RegionEncoder fresh(ModelSpec spec, int featureStride) {
        NDManager manager = NDManager.newBaseManager();
        try {
            Encoder encoder = network(spec).encoder();
            initialize(encoder, manager);
            return new RegionEncoder(spec, encoder, manager, featureStride);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The encoder of the trained seg4j model in {@code modelDir}, with its weights. */
    public static RegionEncoder fromModel(Path modelDir, int featureStride) {
        ModelDirectory.LoadedModel loaded = ModelDirectory.load(modelDir);
        if (!(loaded.block() instanceof SegmentationModel network)) {
            loaded.close();
            throw new Seg4jException(modelDir + ": not an encoder-decoder network, its encoder cannot be used");
        }
        return new RegionEncoder(loaded.manifest().model(), network.encoder(), loaded.manager(), featureStride);
    }

    /** An encoder saved by {@link #save}: the network {@code spec} describes, with {@code weights}. */
    public static RegionEncoder load(ModelSpec spec, Path weights, int featureStride) {
        NDManager manager = NDManager.newBaseManager();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(weights), 1 << 16)) {
            Encoder encoder = network(spec).encoder();
            initialize(encoder, manager);
            encoder.loadParameters(manager, new DataInputStream(in));
            return new RegionEncoder(spec, encoder, manager, featureStride);
        } catch (IOException | ai.djl.MalformedModelException e) {
            manager.close();
            throw new Seg4jException(weights + ": cannot load the encoder's weights: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static SegmentationModel network(ModelSpec spec) {
        if (!(ModelRegistry.create(spec) instanceof SegmentationModel network)) {
            throw new Seg4jException("model '" + spec.architecture() + "' is not an encoder-decoder network");
        }
        return network;
    }

    private static void initialize(Encoder encoder, NDManager manager) {
        int s = Math.max(32, encoder.outputStride());
        encoder.initialize(manager, DataType.FLOAT32, new Shape(1, 3, s, s));
    }

    /** Writes the encoder's parameters (DJL format), atomically. */
    public void save(Path file) {
        AtomicFiles.write(file, out -> {
            DataOutputStream data = new DataOutputStream(out);
            encoder.saveParameters(data);
            data.flush();
        });
    }

    /** The network whose encoder this is. */
    public ModelSpec spec() {
        return spec;
    }

    /** Input pixels per feature cell. */
    public int stride() {
        return encoder.reductions()[stage];
    }

    /** Feature channels. */
    public int channels() {
        return encoder.outChannels()[stage];
    }

    /** The features of one normalised CHW image of {@code h x w}. */
    public FeatureMap features(float[] chw, int h, int w) {
        int stride = stride();
        int fh = (h + stride - 1) / stride;
        int fw = (w + stride - 1) / stride;
        lock.lock();
        try (GradientsOff off = GradientsOff.begin(); NDManager sub = manager.newSubManager()) {
            NDArray x = sub.create(java.util.Arrays.copyOf(chw, 3 * h * w), new Shape(1, 3, h, w));
            long ph = Spatial.roundUp(h, encoder.outputStride());
            long pw = Spatial.roundUp(w, encoder.outputStride());
            NDArray padded = Spatial.padBottomRight(x, ph - h, pw - w, Spatial.PadMode.REFLECT);
            NDList out = encoder.forward(new ParameterStore(sub, false), new NDList(padded), false);
            NDArray f = out.get(stage);
            long[] s = f.getShape().getShape();
            if (s[2] < fh || s[3] < fw) {
                throw new IllegalStateException("encoder stage " + stage + " is " + s[2] + "x" + s[3]
                        + ", expected at least " + fh + "x" + fw);
            }
            NDArray cropped = f.get(":, :, :" + fh + ", :" + fw);
            return new FeatureMap((int) s[1], fh, fw, stride, cropped.toFloatArray());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
