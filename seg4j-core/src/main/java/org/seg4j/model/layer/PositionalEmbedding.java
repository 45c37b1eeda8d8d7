package org.seg4j.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * Learned positional embeddings of a vision transformer, stored as a {@code (1, D, gridH, gridW)}
 * map for a base grid of patches and resized bilinearly to the patch grid of the actual input (as
 * Segmenter's {@code resize_pos_embed}), so that any image size works. At the base grid the stored
 * values are used unchanged.
 *
 * <p>The forward pass takes an NCHW patch-embedding map {@code (N, D, h, w)} and returns it plus the
 * embedding resized to {@code h x w}.
 */
public final class PositionalEmbedding extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int gridHeight;
    private final int gridWidth;
    private final Parameter embedding;

    /**
     * @param dim embedding width {@code D}
     * @param gridHeight rows of the base grid
     * @param gridWidth columns of the base grid
     */
    public PositionalEmbedding(int dim, int gridHeight, int gridWidth) {
        super(VERSION);
        if (dim < 1 || gridHeight < 1 || gridWidth < 1) {
            throw new IllegalArgumentException(
                    "bad positional embedding size " + dim + " x " + gridHeight + " x " + gridWidth);
        }
        this.gridHeight = gridHeight;
        this.gridWidth = gridWidth;
        this.embedding = addParameter(Parameter.builder()
                .setName("pos_embed")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1, dim, gridHeight, gridWidth))
                .optInitializer(new NormalInitializer(0.02f))
                .build());
    }

    /** Rows of the base grid. */
    public int gridHeight() {
        return gridHeight;
    }

    /** Columns of the base grid. */
    public int gridWidth() {
        return gridWidth;
    }

    /** The embedding {@code (1, D, height, width)} for a patch grid of {@code height x width}. */
    public static NDArray resized(NDArray embedding, long height, long width) {
        return Spatial.resize(embedding, height, width);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        Shape s = x.getShape();
        NDArray pos = ps.getValue(embedding, x.getDevice(), training);
        if (Spatial.height(pos.getShape()) == Spatial.height(s) && Spatial.width(pos.getShape()) == Spatial.width(s)) {
            return new NDList(x.add(pos));
        }
        // Results belong to the manager of their input, and the stored embedding's is the model's:
        // resizing it directly left the interpolation matrices and intermediates of every forward
        // pass there. A handle owned by the batch makes all of them the batch's (autograd still
        // reaches the parameter through it).
        NDArray batchPos = pos.reshape(pos.getShape());
        batchPos.attach(x.getManager());
        return new NDList(x.add(resized(batchPos, Spatial.height(s), Spatial.width(s))));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
