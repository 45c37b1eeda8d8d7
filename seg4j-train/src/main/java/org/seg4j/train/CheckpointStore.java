package org.seg4j.train;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.seg4j.Seg4jException;
import org.seg4j.model.ModelDirectory;
import org.seg4j.train.optim.Optimizer;
import org.seg4j.util.AtomicFiles;
import org.seg4j.util.Json;

/**
 * The {@code checkpoints/} folder of a run: {@code last/} (after every epoch and at a time-budget
 * stop), {@code best/} and the last {@code keep_last} {@code epoch-NNNN/} folders, each holding
 * the weights, {@link SegmentationTrainer#OPTIMIZER_FILE}, {@link CheckpointState#FILE_NAME} and, when
 * weights are averaged, {@link WeightAverage#FILE_NAME}.
 * A checkpoint is written into a hidden staging folder and then swapped in whole, so a reader never
 * sees a half-written one. The semantic trainer and the Mask R-CNN training ({@code
 * train.instance}) share it.
 */
public final class CheckpointStore {

    private static final Pattern EPOCH_DIR = Pattern.compile("epoch-\\d{4,}");

    private final Path runDir;
    private final Path dir;
    private final int keepLast;

    /** The store of {@code runDir/checkpoints}, keeping the last {@code keepLast} epoch folders. */
    public CheckpointStore(Path runDir, int keepLast) {
        this.runDir = runDir;
        this.dir = runDir.resolve(SegmentationTrainer.CHECKPOINTS);
        this.keepLast = keepLast;
    }

    /** The {@code last/} checkpoint folder. */
    public Path last() {
        return dir.resolve("last");
    }

    /** Creates the folder; a fresh run refuses a run folder that already holds a checkpoint. */
    public void prepare(boolean resume) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new Seg4jException("cannot create run folder " + runDir + ": " + e.getMessage(), e);
        }
        if (!resume && Files.exists(last().resolve(CheckpointState.FILE_NAME))) {
            throw new Seg4jException(runDir + " already holds a training run; resume it with --resume or choose"
                    + " another output folder");
        }
    }

    /** The state of {@code last/}, or {@code null} when there is none. */
    public CheckpointState lastState() {
        Path stateFile = last().resolve(CheckpointState.FILE_NAME);
        return Files.isRegularFile(stateFile) ? Json.read(stateFile, CheckpointState.class) : null;
    }

    /** Loads the weights and the optimizer state of {@code last/}, whose state is {@code state}. */
    public void loadLast(CheckpointState state, Block block, NDManager manager, Optimizer optimizer) {
        Path last = last();
        if (!state.optimizer().equals(optimizer.name())) {
            throw new Seg4jException("the checkpoint in " + last + " was trained with optimizer '" + state.optimizer()
                    + "' but the configuration says '" + optimizer.name() + "'");
        }
        ModelDirectory.loadWeights(last.resolve(ModelDirectory.WEIGHTS), block, manager);
        Path optimizerFile = last.resolve(SegmentationTrainer.OPTIMIZER_FILE);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(optimizerFile), 1 << 16)) {
            optimizer.load(in);
        } catch (IOException e) {
            throw new Seg4jException(optimizerFile + ": cannot read optimizer state: " + e.getMessage(), e);
        }
    }

    /**
     * Loads the weight average of {@code last/} into {@code average}.
     *
     * @return false when {@code last/} has none (a run that did not average weights until now)
     */
    boolean loadAverage(WeightAverage average) {
        Path file = last().resolve(WeightAverage.FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return false;
        }
        average.load(file);
        return true;
    }

    /**
     * Writes {@code last/}, and {@code best/} when the model improved, and {@code epoch-NNNN/} for a
     * completed epoch (pruning the oldest beyond {@code keep_last}).
     *
     * @param average the weight average to save beside the weights, or {@code null}
     */
    void write(CheckpointState state, Block block, Optimizer optimizer, WeightAverage average, int epoch,
            boolean epochComplete, boolean improved) {
        Path staged = stage(state, block, optimizer, average);
        try {
            if (improved) {
                AtomicFiles.replaceDirectory(copyOf(staged), dir.resolve("best"));
            }
            if (epochComplete && keepLast > 0) {
                AtomicFiles.replaceDirectory(copyOf(staged),
                        dir.resolve(String.format(Locale.ROOT, "epoch-%04d", epoch)));
                pruneEpochs();
            }
            AtomicFiles.replaceDirectory(staged, last());
            staged = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint in " + dir + ": " + e.getMessage(), e);
        } finally {
            if (staged != null) {
                try {
                    AtomicFiles.deleteRecursively(staged);
                } catch (IOException ignored) {
                    // hidden temporary folder
                }
            }
        }
    }

    /**
     * Writes {@code last/} and, for a completed epoch, {@code epoch-NNNN/}: a run that keeps no best
     * model and no weight average.
     */
    public void write(CheckpointState state, Block block, Optimizer optimizer, int epoch, boolean epochComplete) {
        write(state, block, optimizer, null, epoch, epochComplete, false);
    }

    private Path stage(CheckpointState state, Block block, Optimizer optimizer, WeightAverage average) {
        Path staged = newStagingFolder();
        try {
            Files.createDirectories(staged);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ModelDirectory.saveWeights(staged.resolve(ModelDirectory.WEIGHTS), block);
        AtomicFiles.write(staged.resolve(SegmentationTrainer.OPTIMIZER_FILE), optimizer::save);
        if (average != null) {
            average.save(staged.resolve(WeightAverage.FILE_NAME));
        }
        Json.writeJson(staged.resolve(CheckpointState.FILE_NAME), state);
        return staged;
    }

    private Path copyOf(Path staged) throws IOException {
        Path copy = newStagingFolder();
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(staged)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }

    private Path newStagingFolder() {
        return dir.resolve(".staging-" + System.nanoTime());
    }

    private void pruneEpochs() throws IOException {
        List<Path> epochs;
        try (Stream<Path> s = Files.list(dir)) {
            epochs = s.filter(p -> EPOCH_DIR.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
        for (int i = 0; i < epochs.size() - keepLast; i++) {
            AtomicFiles.deleteRecursively(epochs.get(i));
        }
    }
}
