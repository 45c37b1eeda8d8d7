package org.seg4j.model.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.seg4j.Seg4jException;
import org.seg4j.model.Encoder;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.layer.PositionalEmbedding;
import org.seg4j.model.layer.Spatial;
import org.seg4j.model.layer.Tokens;
import org.seg4j.model.layer.TransformerBlock;

/**
 * A Vision Transformer encoder (Dosovitskiy et al., 2021) as used by Segmenter (Strudel et al.,
 * 2021): a strided {@code p x p} convolution embeds non-overlapping patches into {@code D}
 * channels, learned positional embeddings (stored for a base patch grid and interpolated to the
 * input's grid, see {@link PositionalEmbedding}) are added, {@code depth} pre-norm transformer
 * blocks mix the tokens, and a final layer norm closes the stack. The tokens are reshaped back to
 * one NCHW feature map with {@code D} channels at reduction {@code p}.
 *
 * <p>Deviation from ViT: there is no class token (Segmenter discards it for segmentation anyway).
 */
public final class VitEncoder extends AbstractBlock implements Encoder {

    private static final byte VERSION = 1;

    /** Embedding width of ViT-Tiny. */
    public static final int TINY_WIDTH = 192;
    /** Embedding width of ViT-Small. */
    public static final int SMALL_WIDTH = 384;
    /** Default patch size. */
    public static final int DEFAULT_PATCH = 16;
    /** Default number of transformer blocks (ViT-Tiny/Small/Base). */
    public static final int DEFAULT_DEPTH = 12;
    /** Default image side the positional grid is sized for: {@code 512 / patch} patches per side. */
    public static final int DEFAULT_IMAGE_SIZE = 512;

    private final String name;
    private final int dim;
    private final int patch;
    private final Conv2d patchEmbed;
    private final PositionalEmbedding position;
    private final List<TransformerBlock> blocks = new ArrayList<>();
    private final LayerNorm norm;

    private VitEncoder(Builder b, int heads) {
        super(VERSION);
        this.name = b.name;
        this.dim = b.width;
        this.patch = b.patchSize;
        this.patchEmbed = addChildBlock("patch_embed", Conv2d.builder()
                .setKernelShape(new Shape(patch, patch))
                .optStride(new Shape(patch, patch))
                .setFilters(dim)
                .build());
        this.position = addChildBlock("pos_embed", new PositionalEmbedding(dim, b.gridHeight, b.gridWidth));
        for (int i = 0; i < b.depth; i++) {
            blocks.add(addChildBlock("block" + i, new TransformerBlock(dim, heads, b.mlpRatio)));
        }
        this.norm = addChildBlock("norm", TransformerBlock.tokenNorm());
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The encoder {@code name} with embedding width {@code width}, configured by the spec's options:
     * {@code patch_size} (default 16), {@code depth} (transformer blocks, default 12), {@code heads}
     * (default {@code width / 64}), {@code mlp_ratio} (default 4), and the positional grid, either
     * {@code pos_grid} ({@code 32} or {@code 24x32} patches) or {@code image_size} (the training
     * image side it is derived from, default 512).
     */
    public static VitEncoder fromSpec(String name, int width, ModelSpec spec) {
        int patch = spec.intOption("patch_size", DEFAULT_PATCH);
        Builder b = builder()
                .optName(name)
                .optWidth(width)
                .optPatchSize(patch)
                .optDepth(spec.intOption("depth", DEFAULT_DEPTH))
                .optHeads(spec.intOption("heads", 0))
                .optMlpRatio(spec.intOption("mlp_ratio", 4));
        String grid = spec.option("pos_grid", "").trim().toLowerCase(Locale.ROOT);
        if (!grid.isEmpty()) {
            String[] parts = grid.split("x", -1);
            try {
                int gh = Integer.parseInt(parts[0].trim());
                int gw = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : gh;
                if (parts.length > 2) {
                    throw new NumberFormatException(grid);
                }
                b.optPositionGrid(gh, gw);
            } catch (NumberFormatException e) {
                throw new Seg4jException("model option pos_grid must be N or HxW patches, got '" + grid + "'");
            }
        } else if (patch > 0) {
            int side = spec.intOption("image_size", DEFAULT_IMAGE_SIZE);
            b.optPositionGrid(Math.max(1, side / patch), Math.max(1, side / patch));
        }
        return b.build();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int[] outChannels() {
        return new int[] {dim};
    }

    @Override
    public int[] reductions() {
        return new int[] {patch};
    }

    /** The patch size (= the output stride). */
    public int patchSize() {
        return patch;
    }

    /** Number of transformer blocks. */
    public int depth() {
        return blocks.size();
    }

    /** The positional embedding and its base grid. */
    public PositionalEmbedding positionalEmbedding() {
        return position;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = patchEmbed.forward(ps, inputs, training, params);
        x = position.forward(ps, x, training, params);
        Shape grid = x.head().getShape();
        NDList tokens = new NDList(Tokens.fromGrid(x.head()));
        for (TransformerBlock block : blocks) {
            tokens = block.forward(ps, tokens, training, params);
        }
        NDArray out = norm.forward(ps, tokens, training, params).head();
        return new NDList(Tokens.toGrid(out, Spatial.height(grid), Spatial.width(grid)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), dim, Spatial.height(s) / patch, Spatial.width(s) / patch)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        patchEmbed.initialize(manager, dataType, inputShapes);
        Shape grid = patchEmbed.getOutputShapes(inputShapes)[0];
        position.initialize(manager, dataType, grid);
        Shape tokens = new Shape(grid.get(0), Spatial.height(grid) * Spatial.width(grid), dim);
        for (TransformerBlock block : blocks) {
            block.initialize(manager, dataType, tokens);
        }
        norm.initialize(manager, dataType, tokens);
    }

    /** Builder; all settings optional (the defaults are ViT-Tiny/16 for 512x512 images). */
    public static final class Builder {
        private String name = "vit-tiny";
        private int width = TINY_WIDTH;
        private int patchSize = DEFAULT_PATCH;
        private int depth = DEFAULT_DEPTH;
        private int heads;
        private int mlpRatio = 4;
        private int gridHeight;
        private int gridWidth;

        private Builder() {}

        /** Registry name reported by {@link VitEncoder#name()} (default {@code vit-tiny}). */
        public Builder optName(String name) {
            this.name = name;
            return this;
        }

        /** Embedding width {@code D} (default 192). */
        public Builder optWidth(int width) {
            this.width = width;
            return this;
        }

        /** Patch side in pixels, a power of two from 2 to 32 (default 16; Segmenter uses 8 or 16). */
        public Builder optPatchSize(int patchSize) {
            this.patchSize = patchSize;
            return this;
        }

        /** Number of transformer blocks (default 12). */
        public Builder optDepth(int depth) {
            this.depth = depth;
            return this;
        }

        /** Attention heads (default {@code max(1, D / 64)}: 3 for ViT-Tiny, 6 for ViT-Small). */
        public Builder optHeads(int heads) {
            this.heads = heads;
            return this;
        }

        /** Hidden width of the MLPs relative to {@code D} (default 4). */
        public Builder optMlpRatio(int mlpRatio) {
            this.mlpRatio = mlpRatio;
            return this;
        }

        /**
         * The base patch grid of the positional embeddings (default {@code 512 / patch} per side:
         * the grid of a 512x512 image). Inputs of other sizes use interpolated embeddings.
         */
        public Builder optPositionGrid(int gridHeight, int gridWidth) {
            this.gridHeight = gridHeight;
            this.gridWidth = gridWidth;
            return this;
        }

        /** Validates and builds. */
        public VitEncoder build() {
            if (width < 1) {
                throw new Seg4jException(name + " encoder width must be at least 1, got " + width);
            }
            if (patchSize < 2 || patchSize > 32 || Integer.bitCount(patchSize) != 1) {
                throw new Seg4jException(name + " patch_size must be 2, 4, 8, 16 or 32, got " + patchSize);
            }
            if (depth < 1 || depth > 48) {
                throw new Seg4jException(name + " depth must be 1..48, got " + depth);
            }
            int h = heads > 0 ? heads : Math.max(1, width / 64);
            if (heads < 0 || width % h != 0) {
                throw new Seg4jException(name + " heads (" + h + ") must divide the width (" + width + ")");
            }
            if (mlpRatio < 1 || mlpRatio > 16) {
                throw new Seg4jException(name + " mlp_ratio must be 1..16, got " + mlpRatio);
            }
            if (gridHeight == 0 && gridWidth == 0) {
                gridHeight = Math.max(1, DEFAULT_IMAGE_SIZE / patchSize);
                gridWidth = gridHeight;
            }
            if (gridHeight < 1 || gridWidth < 1 || gridHeight > 1024 || gridWidth > 1024) {
                throw new Seg4jException(name + " pos_grid must be 1..1024 patches per side, got "
                        + gridHeight + "x" + gridWidth);
            }
            return new VitEncoder(this, h);
        }
    }
}
