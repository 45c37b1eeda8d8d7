package org.seg4j.onnx.export;

import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry behind the exporter: one {@link BlockExport} per block class. A block is handled by
 * the entry of its own class or, failing that, of its nearest registered superclass (so every
 * {@code StageEncoder} subclass and {@code FoldableSequence} find theirs). Architectures are not
 * listed anywhere: an architecture exports when all of its blocks do.
 */
final class BlockExports {

    private final Map<Class<?>, BlockExport<?>> entries = new LinkedHashMap<>();

    /** The built-in entries: layers, encoders and decoders of seg4j's architectures. */
    static BlockExports defaults() {
        BlockExports r = new BlockExports();
        LayerExports.registerInto(r);
        EncoderExports.registerInto(r);
        DecoderExports.registerInto(r);
        TransformerExports.registerInto(r);
        return r;
    }

    /** Registers (or replaces) the export of {@code type} and its subclasses. */
    <B extends Block> BlockExports register(Class<B> type, BlockExport<B> export) {
        entries.put(type, export);
        return this;
    }

    /** The export for {@code block}'s class or its nearest registered superclass, or {@code null}. */
    @SuppressWarnings("unchecked")
    BlockExport<Block> find(Block block) {
        for (Class<?> c = block.getClass(); c != null; c = c.getSuperclass()) {
            BlockExport<?> e = entries.get(c);
            if (e != null) {
                return (BlockExport<Block>) e;
            }
        }
        return null;
    }

    /** Simple names of the registered block classes, for error messages. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        entries.keySet().forEach(c -> names.add(c.getSimpleName()));
        return names;
    }
}
