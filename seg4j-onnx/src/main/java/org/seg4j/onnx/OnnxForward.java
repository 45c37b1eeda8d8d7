package org.seg4j.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.locks.ReentrantLock;
import org.seg4j.Seg4jException;
import org.seg4j.infer.runtime.ExternalForward;
import org.seg4j.infer.runtime.Logits;

/**
 * The forward pass of an ONNX file run by ONNX Runtime (CPU). The model's first input takes {@code
 * N x 3 x H x W} normalised floats, its first output gives {@code N x classes x h x w} logits.
 * Passes are serialised by a lock, like {@link org.seg4j.infer.NetworkForward}: one session
 * already spreads a pass over its intra-op threads.
 */
public final class OnnxForward implements ExternalForward {

    private final Path file;
    private final OrtSession session;
    private final String inputName;
    private final int numClasses;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean closed;

    private OnnxForward(Path file, OrtSession session, int numClasses) throws OrtException {
        this.file = file;
        this.session = session;
        this.numClasses = numClasses;
        Map<String, NodeInfo> inputs = session.getInputInfo();
        if (inputs.size() != 1) {
            throw new Seg4jException(file + ": an image segmentation model needs exactly one input, this one has "
                    + inputs.keySet());
        }
        this.inputName = inputs.keySet().iterator().next();
        if (session.getOutputNames().isEmpty()) {
            throw new Seg4jException(file + ": the model has no outputs");
        }
    }

    /**
     * Opens an ONNX file.
     *
     * @param threads intra-op threads; 0 for ONNX Runtime's default (all cores)
     */
    public static OnnxForward open(Path file, int numClasses, int threads) {
        if (!Files.isRegularFile(file)) {
            throw new Seg4jException(file + ": ONNX file not found");
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("number of classes must be positive, got " + numClasses);
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (threads > 0) {
                options.setIntraOpNumThreads(threads);
            }
            OrtSession session = env.createSession(file.toString(), options);
            try {
                return new OnnxForward(file, session, numClasses);
            } catch (RuntimeException | OrtException e) {
                session.close();
                throw e;
            }
        } catch (OrtException e) {
            throw new Seg4jException(file + ": ONNX Runtime cannot load the model: " + e.getMessage(), e);
        }
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    @Override
    public float[] run(float[] input, int n, int h, int w, boolean probabilities) {
        int size = n * 3 * h * w;
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[] logits;
        long[] shape;
        lock.lock();
        if (closed) {
            lock.unlock();
            throw new IllegalStateException("predictor is closed");
        }
        try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input, 0, size), new long[] {n, 3, h, w});
                OrtSession.Result result = session.run(Map.of(inputName, x))) {
            if (!(result.get(0) instanceof OnnxTensor out)) {
                throw new Seg4jException(file + ": the model's first output is not a tensor");
            }
            shape = out.getInfo().getShape();
            FloatBuffer buffer = out.getFloatBuffer();
            logits = new float[buffer.remaining()];
            buffer.get(logits);
        } catch (OrtException e) {
            throw new Seg4jException(file + ": ONNX Runtime failed on input [" + n + ", 3, " + h + ", " + w + "]: "
                    + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
        return Logits.toScores(file.toString(), logits, shape, n, numClasses, h, w, probabilities);
    }

    @Override
    public String signature() {
        try {
            return describe(session.getInputInfo()) + " -> " + describe(session.getOutputInfo());
        } catch (OrtException e) {
            throw new Seg4jException(file + ": cannot read the model's inputs and outputs: " + e.getMessage(), e);
        }
    }

    /** {@code name [N, 3, H, W]} for each node; dynamic dimensions show as -1. */
    private static String describe(Map<String, NodeInfo> nodes) {
        StringJoiner all = new StringJoiner(", ");
        for (Map.Entry<String, NodeInfo> e : nodes.entrySet()) {
            String shape = e.getValue().getInfo() instanceof TensorInfo t
                    ? Arrays.toString(t.getShape())
                    : e.getValue().getInfo().toString();
            all.add(e.getKey() + " " + shape);
        }
        return all.toString();
    }

    /** Waits for a running pass, then frees the session. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                session.close();
            }
        } catch (OrtException e) {
            throw new Seg4jException(file + ": cannot close the ONNX session: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
