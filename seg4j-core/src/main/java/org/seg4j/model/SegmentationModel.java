package org.seg4j.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.seg4j.Seg4jException;
import org.seg4j.model.layer.ConvGruMemory;
import org.seg4j.model.layer.Release;
import org.seg4j.model.layer.ScoreFusionMemory;
import org.seg4j.model.layer.Spatial;
import org.seg4j.model.layer.Spatial.PadMode;

/**
 * A segmentation network: {@link Encoder} + {@link Decoder} + {@link SegmentationHead}, composed
 * here and nowhere else.
 *
 * <p>The forward pass takes one NCHW float array of any height and width and returns one NCHW
 * array of logits {@code (N, numClasses, H, W)} at the input's resolution. Inside, the input is
 * padded at the bottom and right to a multiple of the encoder's output stride (so every stage
 * divides evenly and skip connections line up), and the logits are cropped back. With {@link
 * PadMode#NONE} (torchvision's geometry, for decoders that read one encoder feature) the input is
 * not padded and the class scores are resized bilinearly to the input's size.
 *
 * <p>A temporal model ({@link Builder#optTemporal}) has a {@link ConvGruMemory} between the
 * encoder and the decoder, on the deepest feature the decoder reads. Its forward pass takes {@code
 * [x]} or {@code [x, h]} (the memory's state after the previous frame) and returns {@code [logits,
 * h']}; {@code x} may hold whole clips, {@code T} frames each in clip-major order, with {@code T}
 * given as the forward parameter {@value ConvGruMemory#CLIP_LENGTH} (see {@link ConvGruMemory}).
 * The forward parameter {@value ConvGruMemory#FLOW} (one {@code N x 2 x H' x W'} flow per frame,
 * to the previous frame, covering the input at any resolution, in pixels of that resolution)
 * motion-compensates the state: it is brought to the input's size, padded as the input is, and
 * the memory warps its previous state along it before each update.
 * Without a state it starts from zero, so one image alone is segmented as the first frame of a
 * video.
 *
 * <p>A temporal model may instead have its memory on the output ({@link Builder#optScoreFusion}): a
 * {@link ScoreFusionMemory} blends each frame's class probabilities, at the input's resolution
 * (padded), with the state of the previous frame, warped along the same {@value
 * ConvGruMemory#FLOW} parameter. The forward contract is the same, the state being the previous
 * frame's blended probabilities; the logits returned are then log-probabilities.
 *
 * <p>Children are registered with {@code addChildBlock}, so {@code saveParameters} and {@code
 * loadParameters} cover the whole tree.
 */
public final class SegmentationModel extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Encoder encoder;
    private final Decoder decoder;
    private final SegmentationHead head;
    private final PadMode padMode;
    private final int[] featureIndices;
    /** Temporal memory on {@code selected[memoryInput]}, or {@code null}. */
    private final ConvGruMemory memory;
    /** Temporal memory on the logits, or {@code null}; at most one of the two is set. */
    private final ScoreFusionMemory fusion;
    private final int memoryInput;
    /** Encoder parameters that {@link #freezeEncoder} turned off, to turn back on. */
    private final Set<Parameter> frozen = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Parameters outside the memory that {@link #trainMemoryOnly} turned off, to turn back on. */
    private final Set<Parameter> frozenOutsideMemory = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Whether only the memory trains: the other parts then run in inference mode even in training. */
    private volatile boolean memoryOnly;

    private SegmentationModel(Builder b, int[] featureIndices) {
        super(VERSION);
        this.encoder = addChildBlock("encoder", b.encoder);
        this.decoder = addChildBlock("decoder", b.decoder);
        this.head = addChildBlock("head", b.head);
        this.padMode = b.padMode;
        this.featureIndices = featureIndices;
        this.memoryInput = featureIndices.length - 1;
        if (b.temporalKernel > 0) {
            int channels = b.encoder.outChannels()[featureIndices[memoryInput]];
            int hidden = b.temporalChannels > 0 ? b.temporalChannels
                    : Math.min(channels, TemporalOptions.MAX_AUTO_CHANNELS);
            this.memory = addChildBlock("temporal", new ConvGruMemory(channels, hidden, b.temporalKernel));
        } else {
            this.memory = null;
        }
        this.fusion = b.fusionHidden > 0
                ? addChildBlock("temporal", new ScoreFusionMemory(b.head.numClasses(), b.fusionHidden, b.fusionBlend))
                : null;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The encoder. */
    public Encoder encoder() {
        return encoder;
    }

    /** The decoder. */
    public Decoder decoder() {
        return decoder;
    }

    /** The head. */
    public SegmentationHead head() {
        return head;
    }

    /** How the input is padded to a multiple of the output stride. */
    public PadMode padMode() {
        return padMode;
    }

    /** Index of the encoder feature passed to the decoder, per decoder input. */
    public int[] featureIndices() {
        return featureIndices.clone();
    }

    /**
     * The temporal memory ({@link ConvGruMemory} between encoder and decoder, or {@link
     * ScoreFusionMemory} on the output), or {@code null} for a per-frame model.
     */
    public AbstractBlock temporal() {
        return memory != null ? memory : fusion;
    }

    /** Whether the forward pass carries a state from frame to frame. */
    public boolean isTemporal() {
        return memory != null || fusion != null;
    }

    /** Number of output classes. */
    public int numClasses() {
        return head.numClasses();
    }

    /**
     * Freezes (or unfreezes) the encoder's parameters: frozen parameters get no gradient, so an
     * optimizer leaves them unchanged. Batch-norm running statistics still update in training mode.
     * Unfreezing restores only the parameters that freezing turned off: those that never take a
     * gradient (running statistics, which PyTorch's batch norm refuses with one) stay as they are.
     */
    public void freezeEncoder(boolean freeze) {
        for (Pair<String, Parameter> p : encoder.getParameters()) {
            Parameter param = p.getValue();
            if (freeze && param.requiresGradient()) {
                param.freeze(true);
                frozen.add(param);
            } else if (!freeze && frozen.remove(param)) {
                param.freeze(false);
            }
        }
    }

    /**
     * Trains only the temporal memory (or, with {@code false}, everything again): the encoder's,
     * decoder's and head's parameters get no gradient, and those parts run in inference mode during
     * training, so batch normalisation uses (and keeps) its running statistics and dropout is off. The
     * memory alone learns; gradients still flow through the decoder and head to reach it. Useful when
     * a trained per-frame model is extended with a memory and the clips of a batch are too few and too
     * alike to re-estimate batch statistics.
     *
     * @throws IllegalStateException when the model has no temporal memory
     */
    public void trainMemoryOnly(boolean on) {
        if (!isTemporal()) {
            throw new IllegalStateException("trainMemoryOnly: the model has no temporal memory");
        }
        Set<Parameter> memoryParams = Collections.newSetFromMap(new IdentityHashMap<>());
        temporal().getParameters().forEach(p -> memoryParams.add(p.getValue()));
        for (Pair<String, Parameter> p : getParameters()) {
            Parameter param = p.getValue();
            if (memoryParams.contains(param)) {
                continue;
            }
            if (on && param.requiresGradient()) {
                param.freeze(true);
                frozenOutsideMemory.add(param);
            } else if (!on && frozenOutsideMemory.remove(param)) {
                param.freeze(false);
            }
        }
        memoryOnly = on;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        Shape s = x.getShape();
        long h = Spatial.height(s);
        long w = Spatial.width(s);
        NDArray padded = Spatial.padToMultiple(x, encoder.outputStride(), padMode);
        long ph = Spatial.height(padded.getShape());
        long pw = Spatial.width(padded.getShape());

        // rest: the mode of everything but the memory (inference mode while only the memory trains)
        boolean rest = training && !memoryOnly;
        NDList features = encoder.forward(ps, new NDList(padded), rest, params);
        NDList selected = new NDList(featureIndices.length);
        for (int i : featureIndices) {
            selected.add(features.get(i));
        }
        if (!training) {
            // inference: free each map once nothing reads it any more (see Release)
            Release.closeExcept(features, selected);
            Release.close(padded, x);
        }
        NDArray state = null;
        if (memory != null) {
            NDArray deep = selected.get(memoryInput);
            NDList in = inputs.size() > 1 ? new NDList(deep, inputs.get(1)) : new NDList(deep);
            NDList out = memory.forward(ps, in, training, memoryParams(params, h, w));
            selected.set(memoryInput, out.get(0));
            state = out.get(1);
            if (!training) {
                deep.close();
            }
        }
        NDList decoded = decoder.forward(ps, selected, rest, params);
        if (!training) {
            Release.closeExcept(selected, decoded);
        }
        // Unpadded (PadMode.NONE): one bilinear resize from the decoder's resolution straight to
        // the input's size, as torchvision does; the head's own upsampling would resize twice.
        NDArray scores = padMode == PadMode.NONE
                ? head.scores(ps, decoded, rest, params)
                : head.forward(ps, decoded, rest, params).head();
        if (!training) {
            Release.closeExcept(decoded, new NDList(scores));
        }
        // Padded: a no-op when the decoder's output is an exact fraction of the padded size (the
        // case for all built-in decoders); guards decoders whose stages round sizes differently.
        NDArray logits = Spatial.resize(scores, ph, pw);
        if (!training) {
            Release.close(scores, logits);
        }
        if (fusion != null) {
            NDList in = inputs.size() > 1 ? new NDList(logits, inputs.get(1)) : new NDList(logits);
            NDList out = fusion.forward(ps, in, training, memoryParams(params, h, w));
            if (!training) {
                logits.close();
            }
            logits = out.get(0);
            state = out.get(1);
        }
        NDArray cropped = Spatial.crop(logits, h, w);
        return state == null ? new NDList(cropped) : new NDList(cropped, state);
    }

    /**
     * {@code params} with the {@value ConvGruMemory#FLOW} flow at the input's size ({@code h x w})
     * and padded as the input is (zero displacement in the pad), so that the memory's own resize
     * lines up with its feature map.
     */
    private PairList<String, Object> memoryParams(PairList<String, Object> params, long h, long w) {
        Object v = params == null ? null : params.get(ConvGruMemory.FLOW);
        if (!(v instanceof NDArray flow)) {
            return params;
        }
        NDArray sized = org.seg4j.metric.video.FlowWarp.resize(flow, h, w);
        NDArray padded = padMode == PadMode.NONE ? sized
                : Spatial.padToMultiple(sized, encoder.outputStride(), PadMode.ZERO);
        PairList<String, Object> out = new PairList<>();
        for (Pair<String, Object> p : params) {
            out.add(p.getKey(), p.getKey().equals(ConvGruMemory.FLOW) ? padded : p.getValue());
        }
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        Shape logits = new Shape(s.get(0), head.numClasses(), Spatial.height(s), Spatial.width(s));
        if (fusion != null) {
            return new Shape[] {logits, fusionShape(s)};
        }
        if (memory == null) {
            return new Shape[] {logits};
        }
        Shape deep = selectedShapes(s)[memoryInput];
        return new Shape[] {logits, memory.getOutputShapes(new Shape[] {deep})[1]};
    }

    /** The input shape {@code s} padded to a multiple of the output stride. */
    private Shape padded(Shape s) {
        return Spatial.roundUpSize(s, encoder.outputStride());
    }

    /** Shape of the logits the output memory blends (padded as the input is) for an input of shape {@code s}. */
    private Shape fusionShape(Shape s) {
        Shape logits = new Shape(s.get(0), head.numClasses(), Spatial.height(s), Spatial.width(s));
        return padMode == PadMode.NONE ? logits : padded(logits);
    }

    /** Shapes of the encoder features the decoder reads, for an input of shape {@code s}. */
    private Shape[] selectedShapes(Shape s) {
        Shape[] features = encoder.getOutputShapes(new Shape[] {padded(s)});
        Shape[] selected = new Shape[featureIndices.length];
        for (int i = 0; i < featureIndices.length; i++) {
            selected[i] = features[featureIndices[i]];
        }
        return selected;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        encoder.initialize(manager, dataType, padded(s));
        Shape[] selected = selectedShapes(s);
        if (memory != null) {
            memory.initialize(manager, dataType, selected[memoryInput]);
        }
        decoder.initialize(manager, dataType, selected);
        head.initialize(manager, dataType, decoder.getOutputShapes(selected));
        if (fusion != null) {
            fusion.initialize(manager, dataType, fusionShape(s));
        }
    }

    /**
     * Loads the whole tree's parameters, then re-attaches gradients to the trainable ones: arrays
     * read from a stream have no autograd state, and without it a loaded model could not be
     * fine-tuned or resumed with a plain {@link ParameterStore}.
     */
    @Override
    public void loadParameters(NDManager manager, DataInputStream is) throws IOException, MalformedModelException {
        super.loadParameters(manager, is);
        reattachGradients(this);
    }

    /**
     * Makes every trainable parameter of {@code block} that records no gradient record one: arrays
     * read from a stream have no autograd state. Networks that override {@code loadParameters} call
     * it after loading, the training steps before their first step.
     */
    public static void reattachGradients(ai.djl.nn.Block block) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter param = p.getValue();
            if (param.requiresGradient() && !param.getArray().hasGradient()) {
                param.getArray().setRequiresGradient(true);
            }
        }
    }

    @Override
    public String toString() {
        return "SegmentationModel(encoder=" + encoder.name() + ", decoder=" + decoder.getClass().getSimpleName()
                + (memory == null ? "" : ", temporal=convgru(" + memory.hiddenChannels() + ")")
                + (fusion == null ? "" : ", temporal=fusion(" + fusion.hiddenChannels() + ")")
                + ", classes=" + head.numClasses() + ")";
    }

    /**
     * The encoder feature index serving each of {@code decoder}'s inputs: for each reduction the
     * decoder asks for, the deepest encoder stage with that reduction (with dilated stages, several
     * share one), so a decoder always reads the most processed feature at a scale. Shared by every
     * network that composes an encoder with decoders.
     *
     * @throws Seg4jException when the encoder has no stage at a reduction the decoder needs
     */
    public static int[] featureIndices(Encoder encoder, Decoder decoder) {
        int[] reductions = encoder.reductions();
        int[] wanted = decoder.featureReductions();
        int[] indices = new int[wanted.length];
        for (int i = 0; i < wanted.length; i++) {
            indices[i] = Builder.deepestStage(reductions, wanted[i]);
            if (indices[i] < 0) {
                throw new Seg4jException("decoder " + decoder.getClass().getSimpleName()
                        + " needs encoder features at strides " + Arrays.toString(wanted) + " but encoder '"
                        + encoder.name() + "' provides strides " + Arrays.toString(reductions));
            }
        }
        return indices;
    }

    /** Builder: encoder, decoder and head are required. */
    public static final class Builder {
        private Encoder encoder;
        private Decoder decoder;
        private SegmentationHead head;
        private PadMode padMode = PadMode.REFLECT;
        private int temporalChannels;
        private int temporalKernel;
        private int fusionHidden;
        private float fusionBlend;

        private Builder() {}

        /** The encoder. */
        public Builder setEncoder(Encoder encoder) {
            this.encoder = encoder;
            return this;
        }

        /** The decoder, built for this encoder. */
        public Builder setDecoder(Decoder decoder) {
            this.decoder = decoder;
            return this;
        }

        /** The head. */
        public Builder setHead(SegmentationHead head) {
            this.head = head;
            return this;
        }

        /**
         * How the input is padded to a multiple of the output stride (default {@code REFLECT});
         * {@code NONE}: not at all, the logits are resized to the input (decoders reading one feature).
         */
        public Builder optPadMode(PadMode padMode) {
            this.padMode = padMode;
            return this;
        }

        /**
         * Makes a temporal model: a {@link ConvGruMemory} on the deepest feature the decoder reads,
         * passing the features through unchanged until trained (see {@link ConvGruMemory}).
         *
         * @param hiddenChannels channels of the hidden state; 0: the feature's channels, at most
         *     {@value TemporalOptions#MAX_AUTO_CHANNELS}
         * @param kernel odd kernel size of the ConvGRU's convolutions
         */
        public Builder optTemporal(int hiddenChannels, int kernel) {
            this.temporalChannels = hiddenChannels;
            this.temporalKernel = kernel;
            return this;
        }

        /**
         * Makes a temporal model with its memory on the output: a {@link ScoreFusionMemory}, a
         * learned motion-compensated blend of each frame's class probabilities with the previous
         * frame's, starting as a moving average with weight {@code blend} on the new frame.
         *
         * @param hiddenChannels channels of the blend's gate (a 1x1 convolution, ReLU, 1x1 convolution)
         * @param blend the new frame's weight before training, in (0, 1)
         */
        public Builder optScoreFusion(int hiddenChannels, float blend) {
            this.fusionHidden = hiddenChannels;
            this.fusionBlend = blend;
            return this;
        }

        /**
         * Checks that the parts fit together and builds the model; the decoder's features are chosen
         * by {@link SegmentationModel#featureIndices}.
         */
        public SegmentationModel build() {
            if (encoder == null || decoder == null || head == null) {
                throw new Seg4jException("a segmentation model needs an encoder, a decoder and a head");
            }
            int[] indices = featureIndices(encoder, decoder);
            if (!head.hasProjection() && decoder.outChannels() != head.numClasses()) {
                throw new Seg4jException("the decoder emits " + decoder.outChannels() + " channels but the head has "
                        + head.numClasses() + " classes and no projection");
            }
            if (temporalKernel != 0 && (temporalChannels < 0 || temporalKernel < 0 || temporalKernel % 2 == 0)) {
                throw new Seg4jException("a temporal model needs hidden channels >= 0 (0 = automatic) and an odd "
                        + "positive kernel, got " + temporalChannels + " and " + temporalKernel);
            }
            if (fusionHidden != 0 && (temporalKernel != 0 || fusionHidden < 0 || !(fusionBlend > 0f && fusionBlend < 1f))) {
                throw new Seg4jException("a score-fusion memory needs positive hidden channels and a blend strictly "
                        + "between 0 and 1, and no ConvGRU memory beside it; got " + fusionHidden + ", " + fusionBlend
                        + (temporalKernel != 0 ? " and a ConvGRU" : ""));
            }
            if (padMode == PadMode.NONE && decoder.featureReductions().length > 1) {
                throw new Seg4jException("pad none (no padding, logits resized to the input) needs a decoder that "
                        + "reads one encoder feature, as torchvision's deeplabv3 and fcn; "
                        + decoder.getClass().getSimpleName() + " reads strides "
                        + Arrays.toString(decoder.featureReductions()) + ": use pad reflect or zero");
            }
            if (head.upsampling() != decoder.outputReduction()) {
                throw new Seg4jException("head upsampling x" + head.upsampling() + " does not undo the decoder's "
                        + "reduction x" + decoder.outputReduction());
            }
            return new SegmentationModel(this, indices);
        }

        /** Index of the last stage with {@code reduction}, or -1. */
        private static int deepestStage(int[] reductions, int reduction) {
            for (int j = reductions.length - 1; j >= 0; j--) {
                if (reductions[j] == reduction) {
                    return j;
                }
            }
            return -1;
        }
    }
}
