package org.seg4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.seg4j.Seg4jException;
import org.seg4j.util.AtomicFiles;
import org.seg4j.util.GradientsOff;

/**
 * An exponential moving average of a block's parameters, batch-norm running statistics included
 * (the "EMA model" of timm and MMSegmentation): after every optimizer step
 *
 * <pre>
 * d   = min(decay, (1 + n) / (10 + n))      n = updates so far; the ramp lets early averages follow
 * avg = avg + (1 - d) * (w - avg)
 * </pre>
 *
 * <p>The average is what gets validated and exported: {@link #swap} exchanges it with the block's
 * own weights in place, bit for bit, and a second {@code swap} restores them. The averages live in
 * their own sub-manager of the trainer's manager; {@link #close} frees them.
 */
final class WeightAverage implements AutoCloseable {

    /** File of the averages inside a checkpoint folder. */
    static final String FILE_NAME = "ema.bin";

    private static final int MAGIC = 0x53454d41; // "SEMA"
    private static final int VERSION = 1;
    private static final NDIndex ALL = new NDIndex("...");

    private final double decay;
    private final NDManager manager;
    private final List<String> names = new ArrayList<>();
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<NDArray> averages = new ArrayList<>();
    private long updates;

    /**
     * Starts the average at the block's current weights.
     *
     * @param decay the largest decay, in (0, 1)
     */
    WeightAverage(Block block, NDManager parent, double decay) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("decay must be in (0, 1), got " + decay);
        }
        this.decay = decay;
        this.manager = parent.newSubManager();
        for (Pair<String, Parameter> p : block.getParameters()) {
            names.add(p.getKey());
            parameters.add(p.getValue());
            NDArray copy = p.getValue().getArray().duplicate();
            copy.attach(manager);
            averages.add(copy);
        }
    }

    /** The decay of the next update, ramped up over the first steps. */
    double nextDecay() {
        return Math.min(decay, (1.0 + updates) / (10.0 + updates));
    }

    /** Number of updates so far. */
    long updates() {
        return updates;
    }

    /** Moves the average towards the block's current weights; call after every optimizer step. */
    void update() {
        float keep = (float) nextDecay();
        try (GradientsOff off = GradientsOff.begin()) {
            for (int i = 0; i < averages.size(); i++) {
                NDArray avg = averages.get(i);
                if (!avg.getDataType().isFloating()) {
                    avg.set(ALL, parameters.get(i).getArray());
                    continue;
                }
                try (NDManager scratch = manager.newSubManager()) {
                    NDArray w = parameters.get(i).getArray();
                    w.tempAttach(scratch);
                    avg.addi(w.sub(avg).muli(1f - keep));
                }
            }
        }
        updates++;
    }

    /** Exchanges the averages and the block's weights in place; calling it twice restores both. */
    void swap() {
        try (GradientsOff off = GradientsOff.begin()) {
            for (int i = 0; i < averages.size(); i++) {
                try (NDManager scratch = manager.newSubManager()) {
                    NDArray w = parameters.get(i).getArray();
                    NDArray avg = averages.get(i);
                    NDArray saved = avg.duplicate();
                    saved.attach(scratch);
                    avg.set(ALL, w);
                    w.set(ALL, saved);
                }
            }
        }
    }

    /** Writes the update count and every average, atomically. */
    void save(Path file) {
        AtomicFiles.write(file, out -> {
            DataOutputStream d = new DataOutputStream(out);
            d.writeInt(MAGIC);
            d.writeInt(VERSION);
            d.writeLong(updates);
            d.writeInt(names.size());
            for (String name : names) {
                d.writeUTF(name);
            }
            d.flush();
            new NDList(averages).encode(out);
        });
    }

    /** Replaces the state by what {@link #save} wrote for the same network. */
    void load(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            DataInputStream d = new DataInputStream(in);
            if (d.readInt() != MAGIC || d.readInt() != VERSION) {
                throw new Seg4jException(file + ": not a weight-average file of this seg4j version");
            }
            long savedUpdates = d.readLong();
            int count = d.readInt();
            List<String> saved = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                saved.add(d.readUTF());
            }
            if (!saved.equals(names)) {
                throw new Seg4jException(file + ": the averaged weights belong to another network (" + count
                        + " parameters, expected " + names.size() + ")");
            }
            try (NDManager scratch = manager.newSubManager()) {
                NDList arrays = NDList.decode(scratch, in);
                for (int i = 0; i < averages.size(); i++) {
                    NDArray a = arrays.get(i);
                    if (!a.getShape().equals(averages.get(i).getShape())) {
                        throw new Seg4jException(file + ": parameter " + names.get(i) + " has shape " + a.getShape()
                                + ", expected " + averages.get(i).getShape());
                    }
                    averages.get(i).set(ALL, a);
                }
            }
            updates = savedUpdates;
        } catch (IOException e) {
            throw new Seg4jException(file + ": cannot read the averaged weights: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
