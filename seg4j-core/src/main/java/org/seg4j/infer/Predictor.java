package org.seg4j.infer;

import ai.djl.nn.Block;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.refine.CrfRefiner;
import org.seg4j.infer.runtime.ExportCache;
import org.seg4j.infer.runtime.ExternalForward;
import org.seg4j.infer.runtime.ModelRuntime;
import org.seg4j.infer.runtime.ModelRuntimes;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.model.layer.BatchNormFolding;
import org.seg4j.transform.Normalization;

/**
 * Runs a segmentation network on images of any size and returns results at the input's
 * resolution.
 *
 * <p>Steps for one image:
 *
 * <ol>
 *   <li>rescale by the manifest's {@code preprocessing.scale} (bilinear), unless it is 1, or, for a
 *       model whose {@code preprocessing.resize} is {@code stretch}, resize to its exact input size;
 *   <li>normalise with the manifest's mean and std;
 *   <li>if the scaled image has at most {@link #maxWholePixels()} pixels, run it whole (the
 *       network handles sizes that are not multiples of its stride); otherwise run overlapping
 *       {@link #tileSize()} tiles ({@link TilePlan}), {@code tileBatch} tiles per forward pass,
 *       softmax each tile and blend the probabilities with a smooth window into a {@code classes x
 *       H x W} float accumulator, normalised by the summed weights;
 *   <li>optionally average with the prediction of the horizontally flipped input;
 *   <li>bring the probabilities back to the input's size (bilinear);
 *   <li>optionally repeat at several input scales ({@link PredictorOptions#scaleFactors()}) and
 *       average the maps;
 *   <li>optionally refine them with a fully connected CRF ({@link PredictorOptions#crf()});
 *   <li>take the argmax.
 * </ol>
 *
 * <p><b>Memory.</b> The network's activations are bounded by the pixels of one forward pass:
 * {@code maxWholePixels} for a whole image, {@code tileBatch x tile²} in the sliding window (all
 * tiles are never held at once). On top of that:
 *
 * <ul>
 *   <li>{@link #predict} at scale 1 with the sliding window keeps only a band of rows:
 *       {@code 4 * classes * band * W} bytes, band = about one tile height, plus the mask
 *       ({@code H * W} bytes). A 4000x3000 photo with 21 classes and 512 tiles needs ~170 MB.
 *   <li>{@link #predict} at another scale holds {@code classes x h x w} floats at network
 *       resolution and upsamples on the fly (no full-resolution probability map).
 *   <li>{@link #predictProbabilities} returns a full {@code classes x H x W} float map at input
 *       resolution ({@code 4 * classes * H * W} bytes, e.g. 1 GB for 4000x3000 with 21 classes).
 * </ul>
 *
 * <p><b>Speed.</b> Forward passes run with autograd recording off, and batch norm is folded into
 * the convolutions ({@link BatchNormFolding}) while the predictor is open: the block's conv + BN
 * units run as single convolutions. The fold is shared by every predictor over the same block
 * ({@link SharedBatchNormFold}): the last one to close unfolds it (unless the block was already
 * folded by someone else), so closing one predictor never changes what another one computes. Do
 * not train a block while a predictor over it is open. When only the class map is needed (no
 * flip, no CRF, no rescaling, no tiles) the softmax is skipped: the argmax of the logits is the
 * argmax of the probabilities. {@code docs/performance.md} has the measured effect of each.
 *
 * <p>Every forward pass runs in its own sub-manager that is closed before the call returns, so no
 * native memory accumulates across calls ({@link #scratchArrays()} is 0 between calls).
 *
 * <p><b>Threads.</b> A predictor may be shared by several threads. Forward passes are serialised
 * by an internal lock (libtorch already spreads one pass over all cores); preparing inputs,
 * blending, resizing and argmax run concurrently outside the lock.
 *
 * <p>The model must map {@code N x 3 x h x w} inputs to {@code N x classes x h x w} logits; logits
 * of another spatial size are resized bilinearly to the input size.
 *
 * <p><b>Structure.</b> This class is a facade over small pieces that other predictors reuse: the
 * network's forward pass ({@link NetworkForward}, flip-augmented by {@link FlipAugmentation}),
 * whole-image and sliding-window inference ({@link WholeImageInference},
 * {@link SlidingWindowInference}, chosen per image by {@link AdaptiveInference}), input scaling
 * and multi-scale augmentation ({@link ScaledInference}, {@link MultiScaleAugmentation}), CRF
 * refinement ({@link RefinedInference}), batching ({@link BatchInference}) and the batch-norm fold
 * ({@link SharedBatchNormFold}).
 */
public final class Predictor implements AutoCloseable {

    private final ModelManifest manifest;
    private final PredictorOptions options;
    private final AutoCloseable owned;
    private final int tileSize;
    private final long maxWholePixels;
    private final double scale;
    private final ForwardPass network;
    private final boolean ownsBase;
    private final InferenceStrategy strategy;
    private final BatchInference batches;
    private final SharedBatchNormFold fold;
    private final Block block;
    private volatile boolean closed;

    /**
     * A predictor for an initialised block. The caller keeps ownership of the block and its
     * parameters; closing the predictor frees only its scratch manager.
     */
    public Predictor(Block block, ModelManifest manifest, PredictorOptions options) {
        this(new NetworkForward(Objects.requireNonNull(block, "block"), manifest.classes().numClasses(), null),
                block, manifest, djlOnly(options), null, true);
    }

    /** The options of a predictor over a caller's block or pass, where only DJL runs the network. */
    private static PredictorOptions djlOnly(PredictorOptions options) {
        if (options != null && options.engine() != InferenceEngine.DJL) {
            throw new IllegalArgumentException("the " + options.engine() + " engine applies to Predictor.load "
                    + "(a model directory); a predictor over a block or a forward pass runs it as given");
        }
        return options;
    }

    /**
     * @param base the model's plain forward pass
     * @param block the seg4j network behind {@code base}, whose batch norm is folded while the
     *     predictor is open; {@code null} for other passes
     * @param owned closed with the predictor, after {@code base}
     * @param ownsBase whether {@code base} is a {@link NetworkForward} made for this predictor
     *     (closed with it)
     */
    private Predictor(ForwardPass base, Block block, ModelManifest manifest, PredictorOptions options,
            AutoCloseable owned, boolean ownsBase) {
        this.manifest = Objects.requireNonNull(manifest, "manifest");
        this.options = options == null ? PredictorOptions.defaults() : options;
        this.owned = owned;
        this.network = base;
        this.ownsBase = ownsBase;
        this.block = block;
        ModelManifest.Preprocessing pre = manifest.preprocessing();
        int trainSide = Math.max(pre.height(), pre.width());
        this.tileSize = this.options.tileSize() > 0
                ? this.options.tileSize()
                : Math.max(trainSide, PredictorOptions.MIN_AUTO_TILE);
        this.maxWholePixels = this.options.maxWholePixels() > 0
                ? this.options.maxWholePixels()
                : Math.max(PredictorOptions.MIN_AUTO_WHOLE_PIXELS, 4L * pre.height() * pre.width());
        if (pre.fixedSize() && (!Double.isNaN(this.options.scale()) || this.options.multiScale())) {
            throw new org.seg4j.Seg4jException("this model resizes every image to its input size " + pre.height() + "x"
                    + pre.width() + " (preprocessing.resize " + pre.resize() + "): --scale and --scales do not apply");
        }
        double s = Double.isNaN(this.options.scale()) ? pre.scale() : this.options.scale();
        this.scale = s > 0 ? s : 1.0;

        Normalization normalization = pre.normalization();
        ForwardPass pass = this.options.flip() ? new FlipAugmentation(network) : network;
        WholeImageInference whole = new WholeImageInference(normalization, pass);
        AdaptiveInference adaptive = new AdaptiveInference(whole,
                new SlidingWindowInference(normalization, pass, tileSize, this.options.overlap(),
                        this.options.tileBatch()),
                maxWholePixels);
        ScaledInference scaling = pre.fixedSize()
                ? ScaledInference.toSize(adaptive, pre.width(), pre.height())
                : new ScaledInference(adaptive, scale);
        InferenceStrategy single = this.options.multiScale()
                ? new MultiScaleAugmentation(adaptive, this.options.scaleFactors().stream().map(f -> scale * f).toList())
                : scaling;
        this.strategy = this.options.crf() == null ? single
                : new RefinedInference(single, new CrfRefiner(this.options.crf()));
        this.batches = new BatchInference(strategy, whole, adaptive, scaling,
                this.options.crf() == null && !this.options.multiScale());
        try {
            this.fold = block == null ? null : SharedBatchNormFold.acquire(block);
        } catch (RuntimeException e) {
            closeBase();
            throw e;
        }
    }

    /** A predictor over a loaded model; the model stays owned by the caller. */
    public static Predictor of(ModelDirectory.LoadedModel model, PredictorOptions options) {
        return new Predictor(model.block(), model.manifest(), options);
    }

    /**
     * A predictor over any forward pass, e.g. one opened by a {@link ModelRuntime}; the pass stays
     * owned by the caller. The manifest gives classes and preprocessing.
     */
    public static Predictor of(ForwardPass pass, ModelManifest manifest, PredictorOptions options) {
        Objects.requireNonNull(pass, "pass");
        if (pass.numClasses() != manifest.classes().numClasses()) {
            throw new IllegalArgumentException("the forward pass has " + pass.numClasses()
                    + " classes but the manifest lists " + manifest.classes().numClasses());
        }
        return new Predictor(pass, null, manifest, djlOnly(options), null, false);
    }

    /**
     * Loads a model directory: a seg4j network, or a model file run by the manifest's {@code
     * runtime} ({@link ModelRuntimes}); a built-in model's name ({@code selfie}, see {@link
     * org.seg4j.model.PretrainedModels}) works too. Closing the predictor closes the model.
     *
     * <p>With {@link InferenceEngine#ONNXRUNTIME} in the options, a seg4j network runs through its
     * ONNX export instead of DJL: exported once (batch norm folded, dynamic height and width) into
     * {@code <dir>/cache/} ({@link ExportCache}), then run by the same runtime as an imported ONNX
     * file, behind the same strategies. A network the exporter refuses (temporal, panoptic) fails
     * with a message naming the directory.
     */
    public static Predictor load(Path dir, PredictorOptions options) {
        Path modelDir = org.seg4j.model.PretrainedModels.resolve(dir);
        ModelManifest manifest = ModelDirectory.readManifest(modelDir);
        PredictorOptions o = options == null ? PredictorOptions.defaults() : options;
        if (manifest.isExternal()) {
            if (o.engine().runtime() != null && !o.engine().runtime().equals(manifest.runtime())) {
                throw new org.seg4j.Seg4jException(dir + ": holds a " + manifest.runtime() + " model, which "
                        + o.engine() + " cannot run (the engine choice applies to seg4j networks); use --engine djl");
            }
            return external(ModelRuntimes.open(modelDir, manifest), manifest, o);
        }
        if (o.engine().runtime() != null) {
            ExportCache cache = modelDir.equals(dir) ? ExportCache.of(modelDir) : ExportCache.shared();
            return external(ModelRuntimes.openExport(modelDir, manifest, o.engine(), cache), manifest, o);
        }
        ModelDirectory.LoadedModel model = ModelDirectory.load(modelDir);
        try {
            return new Predictor(new NetworkForward(model.block(), manifest.classes().numClasses(), null),
                    model.block(), model.manifest(), options, model, true);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** A predictor that owns {@code pass}, a model file run by a {@link ModelRuntime}. */
    private static Predictor external(ExternalForward pass, ModelManifest manifest, PredictorOptions options) {
        try {
            return new Predictor(pass, null, manifest, options, pass, false);
        } catch (RuntimeException e) {
            pass.close();
            throw e;
        }
    }

    /** Loads a model directory with default options. */
    public static Predictor load(Path modelDir) {
        return load(modelDir, PredictorOptions.defaults());
    }

    public ModelManifest manifest() {
        return manifest;
    }

    /**
     * The seg4j network behind this predictor, for callers that run it with their own inputs (a
     * recurrent video state passes its hidden state); {@code null} for a model run by another
     * runtime. Owned by the predictor (or its caller); its batch norm is folded while the predictor
     * is open.
     */
    public Block network() {
        return block;
    }

    /** The model's classes. */
    public ClassMeta classes() {
        return manifest.classes();
    }

    public PredictorOptions options() {
        return options;
    }

    /** Resolved tile side (network pixels). */
    public int tileSize() {
        return tileSize;
    }

    /** Resolved whole-image limit (network pixels). */
    public long maxWholePixels() {
        return maxWholePixels;
    }

    /** Resolved input scale. */
    public double scale() {
        return scale;
    }

    /**
     * The inference strategy this predictor runs (scaling, whole or tiled, augmentations, CRF), for
     * code that composes it further.
     */
    public InferenceStrategy strategy() {
        return strategy;
    }

    /**
     * The inference settings that change results, in words, e.g. {@code input scale 0.5, flip,
     * scales x0.75/1/1.25, CRF}, and the engine unless it is DJL (tiling is left out: it changes
     * results only at tile borders).
     */
    public String describeSettings() {
        ModelManifest.Preprocessing pre = manifest.preprocessing();
        StringBuilder b = new StringBuilder(pre.fixedSize()
                ? String.format(Locale.ROOT, "input resized to %dx%d", pre.height(), pre.width())
                : String.format(Locale.ROOT, "input scale %s", trim(scale)));
        if (options.flip()) {
            b.append(", flip");
        }
        if (options.multiScale()) {
            b.append(", scales x");
            for (int i = 0; i < options.scaleFactors().size(); i++) {
                b.append(i == 0 ? "" : "/").append(trim(options.scaleFactors().get(i)));
            }
        }
        if (options.crf() != null) {
            b.append(", CRF");
        }
        if (options.engine() != InferenceEngine.DJL) {
            b.append(", ").append(options.engine());
        }
        return b.toString();
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** Number of native arrays currently held by the predictor's scratch manager (0 between calls). */
    public int scratchArrays() {
        return network instanceof NetworkForward n ? n.scratchArrays() : 0;
    }

    /** The class map at the input's resolution. */
    public LabelMask predict(RgbImage image) {
        checkOpen();
        return strategy.classMap(image);
    }

    /**
     * Class maps of several images with as few forward passes as possible: images that run whole
     * (not tiled) and have the same size at network resolution are stacked into one batch of
     * {@code N x 3 x h x w}; the others go through {@link #predict} one by one. The results equal
     * those of {@link #predict} image by image (up to batch-dependent floating-point rounding),
     * in input order. With CRF refinement or multi-scale every image goes through {@link #predict}.
     *
     * <p>Memory: the network's activations for the largest group plus {@code N * classes * h * w}
     * floats of probabilities.
     */
    public List<LabelMask> predictBatch(List<RgbImage> images) {
        checkOpen();
        return batches.classMaps(images);
    }

    /**
     * Class probabilities at the input's resolution ({@code classes x H x W} floats), refined by the
     * CRF when the options ask for one.
     */
    public Probabilities predictProbabilities(RgbImage image) {
        checkOpen();
        return strategy.probabilities(image);
    }

    /**
     * {@link #predictProbabilities} of several images, batched like {@link #predictBatch}. Memory: a
     * full {@code classes x H x W} float map per image.
     */
    public List<Probabilities> predictProbabilitiesBatch(List<RgbImage> images) {
        checkOpen();
        return batches.probabilities(images);
    }

    /** Closes the scratch manager of a {@link NetworkForward} this predictor made. */
    private void closeBase() {
        if (ownsBase && network instanceof NetworkForward n) {
            n.close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("predictor is closed");
        }
    }

    /**
     * Waits for a running forward pass, then frees the scratch manager, releases the batch-norm
     * fold (the last predictor over the network unfolds it) and, for {@link #load}, the model.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        closeBase();
        if (fold != null) {
            fold.close();
        }
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close model: " + e.getMessage(), e);
            }
        }
    }
}
