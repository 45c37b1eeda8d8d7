package org.seg4j.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.convolutional.Deconvolution;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.Pair;
import org.seg4j.Seg4jException;

/**
 * Size and cost of a network, for {@code seg4j models}.
 *
 * <p>Cost convention: GFLOPs = 2 x multiply-accumulates / 1e9, for one image, counting
 * convolutions, transposed convolutions and dense layers only (batch norm, activations, pooling
 * and interpolation are a few percent and memory-bound anyway).
 */
public final class ModelStats {

    private ModelStats() {}

    /** Total number of scalar parameters of an initialised block (all of its tree). */
    public static long parameterCount(Block block) {
        long count = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            Shape shape = p.getValue().getShape();
            if (shape == null) {
                throw new IllegalStateException("block is not initialised: parameter " + p.getKey() + " has no shape");
            }
            count += shape.size();
        }
        return count;
    }

    /**
     * Size and cost of one model.
     *
     * @param parameters scalar parameters, as {@link #parameterCount}
     * @param gflops GFLOPs of one forward pass on one image, as {@link #gflops}
     */
    public record Summary(long parameters, double gflops) {}

    /**
     * GFLOPs (2 x MACs / 1e9) of one forward pass of the model described by {@code spec} on one
     * RGB image of {@code height x width}. The count is for the padded size the model really
     * computes (a multiple of its encoder's output stride).
     */
    public static double gflops(ModelSpec spec, int height, int width) {
        return summary(spec, height, width).gflops();
    }

    /**
     * Parameter count and GFLOPs of the model described by {@code spec} at {@code height x width}.
     * The parameters are only allocated (zero-filled, not randomly initialised), so this takes a
     * fraction of a second even for tens of millions of parameters.
     */
    public static Summary summary(ModelSpec spec, int height, int width) {
        if (height < 1 || width < 1) {
            throw new Seg4jException("image size must be positive, got " + height + "x" + width);
        }
        Block block = ModelRegistry.create(spec);
        block.setInitializer(new ConstantInitializer(0f), p -> true);
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelDirectory.initialize(block, manager, height, width);
            return new Summary(parameterCount(block), 2.0 * macs(block) / 1e9);
        }
    }

    /**
     * Multiply-accumulates of one forward pass of an initialised block, from the input shapes its
     * layers were initialised with: output positions x weight size for convolutions, input
     * positions x weight size for transposed convolutions, rows x weight size for dense layers.
     */
    public static long macs(Block block) {
        long total = 0;
        if (block instanceof Convolution || block instanceof Deconvolution || block instanceof Linear) {
            Shape in = block.getInputShapes()[0];
            long weight = weightSize(block);
            if (block instanceof Convolution) {
                Shape out = block.getOutputShapes(new Shape[] {in})[0];
                total += out.get(0) * out.slice(2).size() * weight;
            } else if (block instanceof Deconvolution) {
                total += in.get(0) * in.slice(2).size() * weight;
            } else {
                total += in.size() / in.get(in.dimension() - 1) * weight;
            }
        }
        for (Pair<String, Block> child : block.getChildren()) {
            total += macs(child.getValue());
        }
        return total;
    }

    private static long weightSize(Block block) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            if (p.getValue().getType() == Parameter.Type.WEIGHT) {
                return p.getValue().getShape().size();
            }
        }
        throw new IllegalStateException(block.getClass().getSimpleName() + " has no weight parameter");
    }
}
