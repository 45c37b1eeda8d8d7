package org.seg4j.onnx.export;

import ai.djl.nn.Block;
import java.util.List;

/**
 * How one kind of seg4j block becomes ONNX nodes: given the names of the values the block reads,
 * it adds nodes through the {@link OnnxEmitter} and returns the names of the values it produces
 * (one per output of the block's forward pass, in order).
 *
 * @param <B> the block class handled
 */
@FunctionalInterface
interface BlockExport<B extends Block> {

    /** Adds {@code block}'s nodes reading {@code inputs}; returns its outputs. */
    List<String> emit(B block, List<String> inputs, OnnxEmitter out);
}
