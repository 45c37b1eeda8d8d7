package org.seg4j.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.seg4j.util.GradientsOff;

/**
 * The network's forward pass in inference mode: the one place where inference (the
 * {@link Predictor}, the {@link Evaluator}) and validation during training hand images to a
 * network and read class scores back. Images are passed as they are (a network that needs sizes
 * divisible by its stride pads them itself, e.g. {@code SegmentationModel} with its pad mode);
 * logits of another spatial size are resized bilinearly ({@link Images#resizePlanes}) to the
 * input's size.
 *
 * <p>{@link #run} serialises passes by a lock (libtorch already spreads one pass over all cores),
 * runs each in its own sub-manager with autograd recording off and leaves no native array behind.
 */
public final class NetworkForward implements ForwardPass, AutoCloseable {

    private final Block block;
    private final int numClasses;
    private final NDManager manager;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean closed;

    /**
     * A forward pass over an initialised block whose parameters stay owned by the caller.
     *
     * @param parent manager whose device the passes run on; {@code null} for a new base manager
     */
    public NetworkForward(Block block, int numClasses, NDManager parent) {
        this.block = Objects.requireNonNull(block, "block");
        if (numClasses < 1) {
            throw new IllegalArgumentException("number of classes must be positive, got " + numClasses);
        }
        this.numClasses = numClasses;
        this.manager = parent == null ? NDManager.newBaseManager() : parent.newSubManager();
        this.manager.setName("seg4j-forward");
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    /** Number of native arrays held by the scratch manager (0 between passes). */
    public int scratchArrays() {
        return manager.getManagedArrays().size();
    }

    /** Whether {@link #close} was called. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public float[] run(float[] input, int n, int h, int w, boolean probabilities) {
        int size = n * 3 * h * w;
        float[] data = input.length == size ? input : java.util.Arrays.copyOf(input, size);
        float[] out;
        long[] outSize;
        lock.lock();
        try (GradientsOff off = GradientsOff.begin(); NDManager sub = manager.newSubManager()) {
            checkOpen();
            NDArray x = sub.create(data, new Shape(n, 3, h, w));
            NDArray scores = rawLogits(block, new ParameterStore(sub, false), x, numClasses);
            if (probabilities) {
                scores = scores.softmax(1);
            }
            Shape shape = scores.getShape();
            outSize = new long[] {shape.get(2), shape.get(3)};
            out = scores.toFloatArray();
        } finally {
            lock.unlock();
        }
        return resized(out, n * numClasses, (int) outSize[0], (int) outSize[1], h, w);
    }

    /**
     * Logits of {@code x} ({@code N x 3 x h x w}, normalised) at {@code h x w}, attached to {@code
     * x}'s manager: what {@link #run} computes before the softmax, for callers that keep working on
     * the device (validation computes its loss on them). The caller scopes the arrays and turns
     * gradients off.
     */
    public static NDArray logits(Block block, ParameterStore store, NDArray x, int numClasses) {
        NDArray logits = rawLogits(block, store, x, numClasses);
        Shape in = x.getShape();
        Shape out = logits.getShape();
        if (out.get(2) == in.get(2) && out.get(3) == in.get(3)) {
            return logits;
        }
        int n = (int) in.get(0);
        float[] r = resized(logits.toFloatArray(), n * numClasses, (int) out.get(2), (int) out.get(3), (int) in.get(2),
                (int) in.get(3));
        return x.getManager().create(r, new Shape(n, numClasses, in.get(2), in.get(3)));
    }

    /** The block's output for {@code x}, checked to be {@code N x numClasses x H x W}. */
    private static NDArray rawLogits(Block block, ParameterStore store, NDArray x, int numClasses) {
        NDList result = block.forward(store, new NDList(x), false);
        NDArray logits = result.get(0);
        Shape shape = logits.getShape();
        long n = x.getShape().get(0);
        if (shape.dimension() != 4 || shape.get(0) != n) {
            throw new IllegalStateException("model returned shape " + shape + " for input " + x.getShape()
                    + "; expected " + n + " x classes x H x W");
        }
        if (shape.get(1) != numClasses) {
            throw new IllegalStateException("model returned " + shape.get(1) + " classes but its manifest lists "
                    + numClasses);
        }
        return logits;
    }

    /** {@code count} planes of {@code oh x ow} brought to {@code h x w} (the input itself if equal). */
    private static float[] resized(float[] planes, int count, int oh, int ow, int h, int w) {
        if (oh == h && ow == w) {
            return planes;
        }
        return Images.resizePlanes(planes, count, ow, oh, w, h);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("predictor is closed");
        }
    }

    /** Waits for a running pass, then frees the scratch manager; later passes throw. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                manager.close();
            }
        } finally {
            lock.unlock();
        }
    }
}
