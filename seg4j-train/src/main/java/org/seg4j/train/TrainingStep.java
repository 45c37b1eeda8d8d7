package org.seg4j.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParameterList;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import org.seg4j.Seg4jException;
import org.seg4j.data.Batch;
import org.seg4j.model.SegmentationModel;
import org.seg4j.model.layer.ConvGruMemory;
import org.seg4j.train.optim.Optimizer;

/**
 * One optimizer step: forward, loss, backward and the optimizer's update. Each step runs in its own
 * sub-manager, so everything it creates is freed when it ends.
 *
 * <p>With a clip length {@code T > 1} (video training) a batch holds whole clips of {@code T}
 * consecutive frames; the network receives {@code T} as the forward parameter {@value
 * ConvGruMemory#CLIP_LENGTH}, carries its state through each clip from zero, and the loss over
 * every labelled frame is back-propagated through all {@code T} steps (truncated at the clip).
 * A batch with flows ({@link Batch#flows}) passes them as {@value ConvGruMemory#FLOW}: the memory
 * warps its state along them before each update (unless the model's memory is not motion-compensated),
 * and the gradient flows back through the warp. With a {@link TemporalConsistencyLoss} the flows also
 * align consecutive predictions for that loss, added to the segmentation loss.
 */
final class TrainingStep {

    /** How the engine's random generator is seeded; saved in every checkpoint's state. */
    static final String RNG_SCHEME = "engine seed = mix(seed, global_step) before every step";

    private final Block block;
    private final SegmentationLoss loss;
    private final PanopticLoss panoptic;
    private final Optimizer optimizer;
    private final NDManager manager;
    private final int numClasses;
    private final long seed;
    private final ParameterList parameters;
    private final PairList<String, Object> forwardParams;
    private final int clipLength;
    private TemporalConsistencyLoss consistency;
    private boolean warpMemory = true;

    /** A semantic step on single images (clip length 1). */
    TrainingStep(Block block, SegmentationLoss loss, Optimizer optimizer, NDManager manager, int numClasses,
            long seed) {
        this(block, loss, null, optimizer, manager, numClasses, seed, 1);
    }

    /** A step on single images (clip length 1), semantic or panoptic. */
    TrainingStep(Block block, SegmentationLoss loss, PanopticLoss panoptic, Optimizer optimizer, NDManager manager,
            int numClasses, long seed) {
        this(block, loss, panoptic, optimizer, manager, numClasses, seed, 1);
    }

    /**
     * Also makes every trainable parameter record gradients (parameters loaded from a file do not).
     *
     * @param panoptic the panoptic task's loss over all outputs, or {@code null} for semantic training
     *     ({@code loss} on the first output)
     * @param clipLength frames per clip of video training, 1 for single images
     */
    TrainingStep(Block block, SegmentationLoss loss, PanopticLoss panoptic, Optimizer optimizer, NDManager manager,
            int numClasses, long seed, int clipLength) {
        this.block = block;
        this.loss = loss;
        this.panoptic = panoptic;
        this.optimizer = optimizer;
        this.manager = manager;
        this.numClasses = numClasses;
        this.seed = seed;
        SegmentationModel.reattachGradients(block);
        this.parameters = block.getParameters();
        this.clipLength = clipLength;
        this.forwardParams = new PairList<>();
        if (clipLength > 1) {
            forwardParams.add(ConvGruMemory.CLIP_LENGTH, clipLength);
        }
    }

    /**
     * Video training: adds {@code consistency} (or nothing, when {@code null}) to the loss of every
     * batch of clips with flows, and says whether the flows also go to the network to warp its
     * memory ({@code temporal_warp: flow}); by default they do.
     */
    TrainingStep withTemporal(TemporalConsistencyLoss consistency, boolean warpMemory) {
        if (consistency != null && clipLength < 2) {
            throw new Seg4jException("temporal_consistency compares consecutive frames: it needs clips of at least "
                    + "2 frames (clip_length), got " + clipLength);
        }
        this.consistency = consistency;
        this.warpMemory = warpMemory;
        return this;
    }

    /**
     * Trains on one batch at learning rate {@code lr} as global step {@code globalStep} and returns
     * the batch's loss. A non-finite loss is returned before the backward pass, leaving the weights
     * unchanged.
     */
    float run(Batch batch, float lr, long globalStep) {
        if (batch.labels() == null) {
            throw new Seg4jException("training batch " + batch.ids() + " has no labels");
        }
        if (batch.size() % clipLength != 0) {
            throw new Seg4jException("training batch " + batch.ids() + " has " + batch.size()
                    + " frames, not whole clips of " + clipLength);
        }
        Engine.getInstance().setRandomSeed(stepSeed(seed, globalStep));
        try (NDManager step = manager.newSubManager()) {
            NDArray x = step.create(batch.images(), new Shape(batch.size(), 3, batch.height(), batch.width()));
            ParameterStore ps = new ParameterStore(step, false);
            NDArray flows = batch.flows() == null ? null
                    : step.create(batch.flows(), new Shape(batch.size(), 2, batch.height(), batch.width()));
            float value;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDList outputs = block.forward(ps, new NDList(x), true, params(flows));
                checkLogits(outputs.head(), batch, numClasses);
                NDArray l = panoptic != null
                        ? panoptic.compute(outputs, batch)
                        : loss.compute(outputs.head(), batch.labels());
                if (consistency != null) {
                    if (flows == null) {
                        throw new Seg4jException("temporal_consistency needs the flows between a clip's frames, but "
                                + "batch " + batch.ids() + " carries none");
                    }
                    l = l.add(consistency.compute(outputs.head(), flows, batch.labels(), clipLength));
                }
                value = l.getFloat();
                if (!Float.isFinite(value)) {
                    return value;
                }
                gc.backward(l);
            }
            optimizer.step(parameters, lr, step);
            return value;
        }
    }

    /**
     * The forward parameters of a batch: the clip length, and its flows ({@link Batch#flows}, from
     * each frame to the frame before, or {@code null}) for a motion-compensated memory.
     */
    private PairList<String, Object> params(NDArray flows) {
        if (flows == null || !warpMemory) {
            return forwardParams;
        }
        // a copy: DJL's PairList(keys, values) wraps the given lists, so adding to it would add this
        // step's flows to forwardParams, and every later step would read the first step's (freed) ones
        PairList<String, Object> p = new PairList<>(new ArrayList<>(forwardParams.keys()),
                new ArrayList<>(forwardParams.values()));
        p.add(ConvGruMemory.FLOW, flows);
        return p;
    }

    /** Seed of the engine's generator before global step {@code step} ({@link StepSeeds#of}). */
    static int stepSeed(long seed, long step) {
        return StepSeeds.of(seed, step);
    }

    /** Fails unless {@code logits} has one channel per class at the batch's resolution. */
    static void checkLogits(NDArray logits, Batch batch, int numClasses) {
        Shape s = logits.getShape();
        if (s.dimension() != 4 || s.get(0) != batch.size() || s.get(1) != numClasses || s.get(2) != batch.height()
                || s.get(3) != batch.width()) {
            throw new Seg4jException("the network's output has shape " + s + " but (" + batch.size() + ", "
                    + numClasses + ", " + batch.height() + ", " + batch.width()
                    + ") was expected: logits must have one channel per class at the input's resolution");
        }
    }
}
