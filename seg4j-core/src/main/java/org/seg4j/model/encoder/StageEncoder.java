package org.seg4j.model.encoder;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.seg4j.model.Encoder;

/**
 * An encoder made of stages run one after the other, each stage's output being one feature map.
 * Subclasses only declare their stages; forward pass, shapes and initialisation live here. A
 * ResNet or MobileNet fits the same mould (stem + residual layers).
 */
public abstract class StageEncoder extends AbstractBlock implements Encoder {

    private final String name;
    private final List<Block> stages = new ArrayList<>();
    private final List<Integer> channels = new ArrayList<>();
    private final List<Integer> reductions = new ArrayList<>();

    /**
     * @param version parameter-format version of the subclass
     * @param name the encoder's registry name
     */
    protected StageEncoder(byte version, String name) {
        super(version);
        this.name = name;
    }

    /** Appends a stage; called by subclass constructors in order, highest resolution first. */
    protected final void addStage(Block stage, int outChannels, int reduction) {
        stages.add(addChildBlock("stage" + stages.size(), stage));
        channels.add(outChannels);
        reductions.add(reduction);
    }

    /** The stages, in order (for subclasses that run them differently). */
    protected final List<Block> stages() {
        return java.util.Collections.unmodifiableList(stages);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int[] outChannels() {
        return channels.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public int[] reductions() {
        return reductions.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList features = new NDList(stages.size());
        NDList x = inputs;
        for (Block stage : stages) {
            x = stage.forward(ps, x, training, params);
            features.add(x.head());
        }
        return features;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] out = new Shape[stages.size()];
        Shape[] x = inputShapes;
        for (int i = 0; i < stages.size(); i++) {
            x = stages.get(i).getOutputShapes(x);
            out[i] = x[0];
        }
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] x = inputShapes;
        for (Block stage : stages) {
            stage.initialize(manager, dataType, x);
            x = stage.getOutputShapes(x);
        }
    }
}
