package org.seg4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seg4j.Seg4jException;
import org.seg4j.util.GradientsOff;

/**
 * Starts a network from another model's weights, for fine-tuning: every parameter array whose
 * name and shape match is copied in place (batch-norm statistics included); the others keep their
 * fresh initialisation. With the same architecture that is exactly the classifier when the class
 * count differs.
 */
public final class WeightTransfer {

    private static final NDIndex ALL = new NDIndex("...");

    private WeightTransfer() {}

    /**
     * What was copied.
     *
     * @param copied parameter arrays copied
     * @param total parameter arrays in the target
     * @param fresh target parameters left at their initialisation, each as {@code name (shape)} with
     *     the source's shape when it had one
     */
    public record Report(int copied, int total, List<String> fresh) {

        public Report {
            fresh = List.copyOf(fresh);
        }

        /** One line for the training log. */
        public String describe() {
            String s = String.format(Locale.ROOT, "%d of %d parameter arrays copied", copied, total);
            return fresh.isEmpty() ? s : s + "; started fresh: " + String.join(", ", fresh);
        }
    }

    /**
     * Copies the weights of the model in {@code modelDir} into {@code target}, which must be
     * initialised and built by the same architecture, encoder and width (checked against the
     * model's manifest).
     *
     * @param targetSpec the structure {@code target} was built from
     */
    public static Report fromModel(Path modelDir, Block target, ModelSpec targetSpec) {
        try (ModelDirectory.LoadedModel source = ModelDirectory.load(modelDir)) {
            return fromModel(source, modelDir, target, targetSpec);
        }
    }

    /**
     * {@link #fromModel(Path, Block, ModelSpec)} for a model the caller has already loaded from
     * {@code modelDir} (and keeps reading, e.g. its manifest).
     */
    public static Report fromModel(ModelDirectory.LoadedModel source, Path modelDir, Block target,
            ModelSpec targetSpec) {
        requireSameStructure(modelDir, source.manifest().model(), targetSpec);
        return copy(source.block(), target, modelDir.toString());
    }

    /**
     * Copies every parameter of {@code source} whose name and shape match one of {@code target}.
     *
     * @param sourceName how error messages name the source
     * @throws Seg4jException when nothing matches (a different network)
     */
    public static Report copy(Block source, Block target, String sourceName) {
        Map<String, Parameter> byName = new HashMap<>();
        for (Pair<String, Parameter> p : source.getParameters()) {
            byName.put(p.getKey(), p.getValue());
        }
        int copied = 0;
        int total = 0;
        List<String> fresh = new ArrayList<>();
        try (GradientsOff off = GradientsOff.begin()) {
            for (Pair<String, Parameter> p : target.getParameters()) {
                total++;
                NDArray to = p.getValue().getArray();
                Parameter match = byName.get(p.getKey());
                if (match == null) {
                    fresh.add(p.getKey() + " " + to.getShape() + " (not in the source)");
                    continue;
                }
                NDArray from = match.getArray();
                if (!from.getShape().equals(to.getShape()) || from.getDataType() != to.getDataType()) {
                    fresh.add(p.getKey() + " " + to.getShape() + " (source " + from.getShape() + ")");
                    continue;
                }
                to.set(ALL, from);
                copied++;
            }
        }
        if (copied == 0) {
            throw new Seg4jException(sourceName + ": none of its " + byName.size()
                    + " parameter arrays matches this network's by name and shape");
        }
        return new Report(copied, total, fresh);
    }

    /**
     * Fine-tuning keeps the network: only the number of classes may change, and a per-frame model
     * may gain a temporal memory ({@link TemporalOptions}), which then starts as the identity.
     */
    static void requireSameStructure(Path modelDir, ModelSpec source, ModelSpec target) {
        boolean addsMemory = !TemporalOptions.isTemporal(source) && TemporalOptions.isTemporal(target);
        Map<String, String> targetOptions = addsMemory ? TemporalOptions.perFrame(target).options() : target.options();
        boolean same = source.architecture().equals(target.architecture())
                && source.encoder().equals(target.encoder())
                && source.baseWidth() == target.baseWidth()
                && source.options().equals(targetOptions);
        if (!same) {
            throw new Seg4jException(modelDir + ": that model is " + describe(source) + ", this run builds "
                    + describe(target) + "; fine-tuning keeps the network (only the class count may change, and "
                    + "a temporal memory be added): "
                    + "leave --model, --encoder, --width and --model-option unset to take the model's own");
        }
    }

    private static String describe(ModelSpec s) {
        return s.architecture() + " (encoder " + (s.encoder().isEmpty() ? "default" : s.encoder()) + ", width "
                + (s.baseWidth() == 0 ? "default" : s.baseWidth())
                + (s.options().isEmpty() ? "" : ", options " + s.options()) + ")";
    }
}
