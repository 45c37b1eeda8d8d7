package org.seg4j.model.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seg4j.Seg4jException;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.weights.WeightMapping.Entry;
import org.seg4j.util.AtomicFiles;

/**
 * seg4j weights out as a PyTorch state dict: the inverse of {@link ModelImport}. Every row of the
 * model's mapping table names a parameter and the PyTorch key it is written under, so the file
 * loads with {@code load_state_dict(strict=True)} into the PyTorch twin of the whole model ({@code
 * bench/parity/twins.py}) or, encoder only, into a torchvision ResNet (its {@code fc} aside). The
 * file is safetensors, written by DJL's own encoder ({@code NDList.Encoding.SAFETENSORS}). Batch
 * norm's {@code num_batches_tracked} is not written: seg4j does not keep it and PyTorch fills it
 * in when a state dict lacks it.
 *
 * <pre>{@code
 * try (ModelDirectory.LoadedModel m = ModelDirectory.load(dir)) {
 *     WeightExport.builder().setModel(m.block(), m.manifest().model()).build()
 *             .writeTo(Path.of("unet.safetensors"));
 * }
 * }</pre>
 */
public final class WeightExport {

    private final Block block;
    private final ModelSpec spec;
    private final boolean encoderOnly;
    private final String prefix;

    private WeightExport(Builder b) {
        this.block = b.block;
        this.spec = b.spec;
        this.encoderOnly = b.encoderOnly;
        this.prefix = b.prefix;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * What was written.
     *
     * @param arrays arrays in the file
     * @param values numbers in them
     * @param leftOut seg4j parameters outside the table (the decoder and head of an encoder-only export)
     */
    public record Result(int arrays, long values, int leftOut) {}

    /**
     * The state dict: copies of the mapped parameters under their PyTorch keys, in table order,
     * attached to {@code manager}.
     *
     * @throws Seg4jException when a whole-model export would leave a parameter out (a table out of
     *     step with the network)
     */
    public Map<String, NDArray> stateDict(NDManager manager) {
        Map<String, Parameter> params = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            params.put(p.getKey(), p.getValue());
        }
        WeightMapping mapping = ModelMappings.forModel(spec, block, encoderOnly);
        Map<String, NDArray> out = new LinkedHashMap<>();
        Set<String> covered = new HashSet<>();
        for (Entry e : mapping.entries()) {
            Parameter p = params.get(e.target());
            if (p == null || !p.isInitialized()) {
                throw new IllegalStateException("mapping table names " + e.target()
                        + ", which this network does not have or has not initialised");
            }
            String key = prefix + e.source();
            NDArray copy = p.getArray().duplicate();
            copy.attach(manager);
            if (e.transform() == WeightMapping.Transform.RESHAPE) {
                copy = copy.reshape(linearShape(copy.getShape()));
            }
            copy.setName(key);
            if (out.put(key, copy) != null) {
                throw new IllegalStateException("mapping table writes " + key + " twice");
            }
            covered.add(e.target());
        }
        if (!encoderOnly) {
            List<String> missing = new ArrayList<>(params.keySet());
            missing.removeAll(covered);
            if (!missing.isEmpty()) {
                throw new Seg4jException("the " + spec.architecture() + " mapping table has no PyTorch name for "
                        + missing.size() + " parameters, e.g. " + missing.get(0) + "; export the encoder alone");
            }
        }
        return out;
    }

    /**
     * Writes the state dict to {@code file} as safetensors (atomically).
     *
     * @return counts of what was written
     */
    public Result writeTo(Path file) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Map<String, NDArray> arrays = stateDict(manager);
            NDList list = new NDList(arrays.values());
            AtomicFiles.write(file, os -> list.encode(os, NDList.Encoding.SAFETENSORS));
            long values = arrays.values().stream().mapToLong(NDArray::size).sum();
            int total = block.getParameters().size();
            return new Result(arrays.size(), values, total - arrays.size());
        }
    }

    /** A 1x1 convolution's weight [out, in, 1, 1] as the linear layer's [out, in] it was read from. */
    private static Shape linearShape(Shape s) {
        return s.dimension() == 4 && s.get(2) == 1 && s.get(3) == 1 ? new Shape(s.get(0), s.get(1)) : s;
    }

    /** Builder: {@link #setModel} is required. */
    public static final class Builder {
        private Block block;
        private ModelSpec spec;
        private boolean encoderOnly;
        private String prefix = "";

        private Builder() {}

        /** The initialised network and the spec it was built from (a model directory's {@code model}). */
        public Builder setModel(Block block, ModelSpec spec) {
            this.block = block;
            this.spec = spec;
            return this;
        }

        /** Write the encoder alone, under torchvision's names (default false: the whole model). */
        public Builder optEncoderOnly(boolean encoderOnly) {
            this.encoderOnly = encoderOnly;
            return this;
        }

        /** A prefix before every key, e.g. {@code backbone.} (default none). */
        public Builder optPrefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        /** Validates and builds. */
        public WeightExport build() {
            if (block == null || spec == null) {
                throw new Seg4jException("a weight export needs the network and its model spec");
            }
            if (prefix == null) {
                throw new Seg4jException("the key prefix must not be null (use \"\" for none)");
            }
            return new WeightExport(this);
        }
    }
}
