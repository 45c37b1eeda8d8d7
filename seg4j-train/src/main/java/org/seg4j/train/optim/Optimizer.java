package org.seg4j.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seg4j.Seg4jException;
import org.seg4j.util.GradientsOff;

/**
 * A first-order optimizer whose whole state (update count, and per parameter its own update count
 * and slot arrays) can be written to a stream and read back, so that a resumed training run continues
 * exactly where it stopped. (DJL's own optimizers keep their state private.)
 *
 * <p>Each parameter counts its own updates: a parameter that gets no update in a step (frozen, or
 * without a gradient) keeps its count, so a parameter unfrozen after {@code k} steps starts from
 * {@code t = 1}, as in a fresh optimizer, rather than from {@code t = k + 1}, where Adam's bias
 * correction of zero moments would give it an oversized first update.
 *
 * <p>Updates are plain in-place array math done with autograd off; the state arrays live in the
 * manager given at construction, and every temporary of an update is freed before {@link #step}
 * returns. Gradients are zeroed after each update (the PyTorch engine accumulates them otherwise).
 */
public abstract class Optimizer implements AutoCloseable {

    private static final int MAGIC = 0x53344f50; // "S4OP"
    /** Version 2 adds per-parameter update counts; version 1 (one global count) still loads. */
    private static final int VERSION = 2;

    /** Manager that owns the state arrays. */
    protected final NDManager stateManager;
    /** Weight decay factor (coupled or decoupled, by subclass), before the per-group multipliers. */
    protected final float weightDecay;
    private float normDecayMult = 1f;
    private float biasDecayMult = 1f;
    /** Slot arrays by parameter id. */
    private final Map<String, NDArray[]> slots = new LinkedHashMap<>();
    /** Updates applied to each parameter, by parameter id (same keys as {@link #slots}). */
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private long updates;
    private float gradClipNorm;

    protected Optimizer(NDManager parent, float weightDecay) {
        this.stateManager = parent.newSubManager();
        this.weightDecay = weightDecay;
    }

    /**
     * Builds an optimizer by name: {@code adam}, {@code adamw} or {@code sgd}.
     *
     * @param name optimizer name
     * @param parent manager under which the state arrays live
     * @param momentum SGD momentum (Adam: ignored, beta1 stays 0.9)
     * @param weightDecay weight decay
     * @param nesterov SGD Nesterov momentum
     */
    public static Optimizer create(String name, NDManager parent, float momentum, float weightDecay, boolean nesterov) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "adam" -> new Adam(parent, 0.9f, 0.999f, 1e-8f, weightDecay, false);
            case "adamw" -> new Adam(parent, 0.9f, 0.999f, 1e-8f, weightDecay, true);
            case "sgd" -> new Sgd(parent, momentum, weightDecay, nesterov);
            default -> throw new Seg4jException("unknown optimizer '" + name + "'; valid: adam, adamw, sgd");
        };
    }

    /** Throws a user error unless {@code name} is a known optimizer. */
    public static void checkName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (!n.equals("adam") && !n.equals("adamw") && !n.equals("sgd")) {
            throw new Seg4jException("unknown optimizer '" + name + "'; valid: adam, adamw, sgd");
        }
    }

    /** Name written into the state stream and checked on load. */
    public abstract String name();

    /** Number of slot arrays per parameter. */
    protected abstract int slotCount();

    /**
     * Updates one parameter in place. Called with autograd off; all arrays (weight, gradient,
     * slots) are temporarily attached to {@code scratch}, so intermediate results are freed with it.
     *
     * @param weight the parameter, updated in place
     * @param grad its gradient
     * @param slots the parameter's state arrays (zeros at the first update), updated in place
     * @param lr learning rate of this step
     * @param decay weight decay of this parameter: {@link #weightDecay} times its group's multiplier
     * @param t 1-based index of this update of this parameter (its own count, not the global one)
     */
    protected abstract void update(NDArray weight, NDArray grad, NDArray[] slots, float lr, float decay, long t);

    /** Clips the gradients to this global L2 norm before each update (0 = off). */
    public void setGradClipNorm(float norm) {
        this.gradClipNorm = norm;
    }

    /**
     * Scales the weight decay of normalisation parameters and of biases ({@link DecayGroup}); 1 keeps
     * the full decay, 0 turns it off for that group.
     */
    public void setDecayMultipliers(float normMult, float biasMult) {
        if (!(normMult >= 0) || !(biasMult >= 0) || Float.isInfinite(normMult) || Float.isInfinite(biasMult)) {
            throw new Seg4jException("norm_decay_mult and bias_decay_mult must be finite and >= 0, got "
                    + normMult + " and " + biasMult);
        }
        this.normDecayMult = normMult;
        this.biasDecayMult = biasMult;
    }

    /** The weight decay applied to {@code parameter}. */
    public float decayOf(Parameter parameter) {
        return switch (DecayGroup.of(parameter)) {
            case NORM -> weightDecay * normDecayMult;
            case BIAS -> weightDecay * biasDecayMult;
            case OTHER -> weightDecay;
        };
    }

    /** Number of steps applied so far. */
    public long updates() {
        return updates;
    }

    /** Number of updates {@code parameterId} has received so far (0 before its first, or while frozen). */
    public long updates(String parameterId) {
        return counts.getOrDefault(parameterId, 0L);
    }

    /**
     * Applies one update to every parameter that requires a gradient, then zeroes the gradients.
     * Parameters that require none (frozen) are left alone: no update, no weight decay, and their
     * update count stays.
     *
     * @param parameters the block's parameters ({@code block.getParameters()})
     * @param lr learning rate for this step
     * @param scratchParent manager under which temporaries are created (a per-step manager)
     */
    public void step(Iterable<Pair<String, Parameter>> parameters, float lr, NDManager scratchParent) {
        try (GradientsOff off = GradientsOff.begin()) {
            float clipScale = 1f;
            if (gradClipNorm > 0) {
                double sq = 0;
                for (Pair<String, Parameter> p : parameters) {
                    NDArray w = p.getValue().getArray();
                    if (!p.getValue().requiresGradient() || !w.hasGradient()) {
                        continue;
                    }
                    try (NDManager scratch = scratchParent.newSubManager()) {
                        NDArray g = w.getGradient();
                        g.attach(scratch);
                        sq += g.square().sum().toType(DataType.FLOAT64, false).getDouble();
                    }
                }
                double norm = Math.sqrt(sq);
                if (norm > gradClipNorm) {
                    clipScale = (float) (gradClipNorm / (norm + 1e-6));
                }
            }
            for (Pair<String, Parameter> p : parameters) {
                Parameter param = p.getValue();
                NDArray w = param.getArray();
                if (!param.requiresGradient() || !w.hasGradient()) {
                    continue;
                }
                NDArray[] s = slots.computeIfAbsent(p.getKey(), k -> newSlots(w));
                try (NDManager scratch = scratchParent.newSubManager()) {
                    NDArray g = w.getGradient();
                    g.attach(scratch);
                    w.tempAttach(scratch);
                    for (NDArray a : s) {
                        a.tempAttach(scratch);
                    }
                    if (clipScale != 1f) {
                        g = g.mul(clipScale);
                    }
                    long t = counts.getOrDefault(p.getKey(), 0L) + 1;
                    update(w, g, s, lr, decayOf(param), t);
                    counts.put(p.getKey(), t);
                }
                JniUtils.zeroGrad((PtNDArray) w);
            }
        }
        updates++;
    }

    private NDArray[] newSlots(NDArray w) {
        NDArray[] s = new NDArray[slotCount()];
        for (int i = 0; i < s.length; i++) {
            s[i] = stateManager.zeros(w.getShape(), w.getDataType());
        }
        return s;
    }

    /** Writes the update counts and all slot arrays. */
    public void save(OutputStream out) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(MAGIC);
        d.writeInt(VERSION);
        d.writeUTF(name());
        d.writeLong(updates);
        d.writeInt(slotCount());
        d.writeInt(slots.size());
        for (Map.Entry<String, NDArray[]> e : slots.entrySet()) {
            d.writeUTF(e.getKey());
            d.writeLong(counts.getOrDefault(e.getKey(), updates));
            for (NDArray a : e.getValue()) {
                long[] shape = a.getShape().getShape();
                d.writeInt(shape.length);
                for (long x : shape) {
                    d.writeLong(x);
                }
                float[] v = a.toFloatArray();
                d.writeInt(v.length);
                for (float f : v) {
                    d.writeFloat(f);
                }
            }
        }
        d.flush();
    }

    /**
     * Replaces the state by what {@link #save} wrote. A version 1 state (one global count) gives
     * every saved parameter the global count, as that format applied it to all of them.
     */
    public void load(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        if (d.readInt() != MAGIC) {
            throw new IOException("not an optimizer state file");
        }
        int version = d.readInt();
        if (version != 1 && version != VERSION) {
            throw new IOException("unsupported optimizer state version " + version);
        }
        String saved = d.readUTF();
        if (!saved.equals(name())) {
            throw new Seg4jException("optimizer state was written by '" + saved + "' but the run uses '" + name() + "'");
        }
        long savedUpdates = d.readLong();
        int perParam = d.readInt();
        if (perParam != slotCount()) {
            throw new IOException("optimizer state has " + perParam + " slots per parameter, expected " + slotCount());
        }
        int count = d.readInt();
        Map<String, NDArray[]> loaded = new LinkedHashMap<>();
        Map<String, Long> loadedCounts = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String id = d.readUTF();
            long own = version == 1 ? savedUpdates : d.readLong();
            if (own < 0) {
                throw new IOException("optimizer state gives parameter " + id + " a negative update count " + own);
            }
            loadedCounts.put(id, own);
            NDArray[] s = new NDArray[perParam];
            for (int k = 0; k < perParam; k++) {
                int rank = d.readInt();
                long[] shape = new long[rank];
                for (int r = 0; r < rank; r++) {
                    shape[r] = d.readLong();
                }
                int len = d.readInt();
                float[] v = new float[len];
                for (int j = 0; j < len; j++) {
                    v[j] = d.readFloat();
                }
                s[k] = stateManager.create(v, new Shape(shape));
            }
            loaded.put(id, s);
        }
        clearSlots();
        slots.putAll(loaded);
        counts.putAll(loadedCounts);
        updates = savedUpdates;
    }

    private void clearSlots() {
        for (NDArray[] s : slots.values()) {
            for (NDArray a : s) {
                a.close();
            }
        }
        slots.clear();
        counts.clear();
    }

    /** The slot arrays of a parameter, or {@code null} before its first update (for tests). */
    public NDArray[] slots(String parameterId) {
        return slots.get(parameterId);
    }

    @Override
    public void close() {
        slots.clear();
        counts.clear();
        stateManager.close();
    }
}
