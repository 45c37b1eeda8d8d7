package org.seg4j.infer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.refine.CrfRefiner;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.model.layer.BatchNormFolding;
import org.seg4j.transform.Normalization;
import org.seg4j.util.GradientsOff;

/**
 * Runs a segmentation network on images of any size and returns results at the input's
 * resolution.
 *
 * <p>Steps for one image:
 *
 * <ol>
 *   <li>rescale by the manifest's {@code preprocessing.scale} (bilinear), unless it is 1;
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
 * units run as single convolutions until {@link #close()} unfolds them (unless the block was
 * already folded by someone else). Do not train a block while a predictor over it is open. When
 * only the class map is needed (no flip, no CRF, no rescaling, no tiles) the softmax is skipped:
 * the argmax of the logits is the argmax of the probabilities. {@code docs/performance.md} has the
 * measured effect of each.
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
 */
public final class Predictor implements AutoCloseable {

    private final Block block;
    private final ModelManifest manifest;
    private final PredictorOptions options;
    private final NDManager manager;
    private final AutoCloseable owned;
    private final Normalization normalization;
    private final int numClasses;
    private final int tileSize;
    private final long maxWholePixels;
    private final double scale;
    private final CrfRefiner refiner;
    private final ReentrantLock forwardLock = new ReentrantLock();
    /** Whether this predictor folded the block's batch norms (and unfolds them on close). */
    private final boolean foldedHere;
    private volatile boolean closed;

    /**
     * A predictor for an initialised block. The caller keeps ownership of the block and its
     * parameters; closing the predictor frees only its scratch manager.
     */
    public Predictor(Block block, ModelManifest manifest, PredictorOptions options) {
        this(block, manifest, options, null);
    }

    private Predictor(Block block, ModelManifest manifest, PredictorOptions options, AutoCloseable owned) {
        this.block = Objects.requireNonNull(block, "block");
        this.manifest = Objects.requireNonNull(manifest, "manifest");
        this.options = options == null ? PredictorOptions.defaults() : options;
        this.owned = owned;
        this.manager = NDManager.newBaseManager();
        this.manager.setName("seg4j-predictor");
        ModelManifest.Preprocessing pre = manifest.preprocessing();
        this.normalization = pre.normalization();
        this.numClasses = manifest.classes().numClasses();
        int trainSide = Math.max(pre.height(), pre.width());
        this.tileSize = this.options.tileSize() > 0
                ? this.options.tileSize()
                : Math.max(trainSide, PredictorOptions.MIN_AUTO_TILE);
        this.maxWholePixels = this.options.maxWholePixels() > 0
                ? this.options.maxWholePixels()
                : Math.max(PredictorOptions.MIN_AUTO_WHOLE_PIXELS, 4L * pre.height() * pre.width());
        double s = Double.isNaN(this.options.scale()) ? pre.scale() : this.options.scale();
        this.scale = s > 0 ? s : 1.0;
        this.refiner = this.options.crf() == null ? null : new CrfRefiner(this.options.crf());
        this.foldedHere = !BatchNormFolding.isFolded(block) && BatchNormFolding.fold(block) > 0;
    }

    /** A predictor over a loaded model; the model stays owned by the caller. */
    public static Predictor of(ModelDirectory.LoadedModel model, PredictorOptions options) {
        return new Predictor(model.block(), model.manifest(), options, null);
    }

    /** Loads a model directory; closing the predictor closes the model. */
    public static Predictor load(Path modelDir, PredictorOptions options) {
        ModelDirectory.LoadedModel model = ModelDirectory.load(modelDir);
        try {
            return new Predictor(model.block(), model.manifest(), options, model);
        } catch (RuntimeException e) {
            model.close();
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
     * The inference settings that change results, in words, e.g. {@code input scale 0.5, flip,
     * scales x0.75/1/1.25, CRF} (tiling is left out: it changes results only at tile borders).
     */
    public String describeSettings() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "input scale %s", trim(scale)));
        if (options.flip()) {
            b.append(", flip");
        }
        if (options.multiScale()) {
            b.append(", scales x");
            for (int i = 0; i < options.scaleFactors().size(); i++) {
                b.append(i == 0 ? "" : "/").append(trim(options.scaleFactors().get(i)));
            }
        }
        if (refiner != null) {
            b.append(", CRF");
        }
        return b.toString();
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** Number of native arrays currently held by the predictor's scratch manager (0 between calls). */
    public int scratchArrays() {
        return manager.getManagedArrays().size();
    }

    /** The class map at the input's resolution. */
    public LabelMask predict(RgbImage image) {
        if (refiner != null || options.multiScale()) {
            return predictProbabilities(image).argmax();
        }
        RgbImage scaled = scaledInput(image);
        if (scaled == image && isTiled(image)) {
            return slidingArgmax(image);
        }
        if (scaled == image) {
            // class map at network resolution: the logits' argmax is the probabilities' argmax
            return networkScores(scaled, false).argmax();
        }
        return upsampledArgmax(networkProbabilities(scaled), image.width(), image.height());
    }

    /**
     * Class maps of several images with as few forward passes as possible: images that run whole
     * (not tiled) and have the same size at network resolution are stacked into one batch of
     * {@code N x 3 x h x w}; the others go through {@link #predict} one by one. The results equal
     * those of {@link #predict} image by image (up to batch-dependent floating-point rounding),
     * in input order. With CRF refinement every image goes through {@link #predict}.
     *
     * <p>Memory: the network's activations for the largest group plus {@code N * classes * h * w}
     * floats of probabilities.
     */
    public List<LabelMask> predictBatch(List<RgbImage> images) {
        LabelMask[] out = new LabelMask[images.size()];
        Map<Long, List<Integer>> groups = new LinkedHashMap<>();
        List<RgbImage> scaled = new ArrayList<>(images.size());
        boolean oneByOne = refiner != null || options.multiScale();
        for (int i = 0; i < images.size(); i++) {
            RgbImage s = oneByOne ? images.get(i) : scaledInput(images.get(i));
            scaled.add(s);
            if (oneByOne || isTiled(s)) {
                out[i] = predict(images.get(i));
            } else {
                groups.computeIfAbsent(((long) s.width() << 32) | s.height(), k -> new ArrayList<>()).add(i);
            }
        }
        for (List<Integer> group : groups.values()) {
            RgbImage first = scaled.get(group.get(0));
            int w = first.width();
            int h = first.height();
            int n = group.size();
            int chw = 3 * w * h;
            float[] input = new float[Math.multiplyExact(n, chw)];
            for (int b = 0; b < n; b++) {
                normalization.toChw(scaled.get(group.get(b)), input, b * chw);
            }
            // upsampling interpolates probabilities; a class map at network resolution needs only logits
            boolean softmax = group.stream().anyMatch(i -> scaled.get(i) != images.get(i));
            float[] probs = forward(input, n, h, w, softmax);
            int plane = numClasses * w * h;
            for (int b = 0; b < n; b++) {
                int i = group.get(b);
                float[] one = n == 1 ? probs : Arrays.copyOfRange(probs, b * plane, (b + 1) * plane);
                Probabilities p = new Probabilities(numClasses, w, h, one);
                RgbImage original = images.get(i);
                out[i] = scaled.get(i) == original ? p.argmax() : upsampledArgmax(p, original.width(), original.height());
            }
        }
        return List.of(out);
    }

    /**
     * Class probabilities at the input's resolution ({@code classes x H x W} floats), refined by the
     * CRF when the options ask for one.
     */
    public Probabilities predictProbabilities(RgbImage image) {
        List<Double> factors = options.scaleFactors();
        Probabilities probs = probabilitiesAt(image, scale * factors.get(0));
        if (factors.size() > 1) {
            float[] sum = probs.data();
            for (int i = 1; i < factors.size(); i++) {
                float[] more = probabilitiesAt(image, scale * factors.get(i)).data();
                for (int j = 0; j < sum.length; j++) {
                    sum[j] += more[j];
                }
            }
            float inv = 1f / factors.size();
            for (int j = 0; j < sum.length; j++) {
                sum[j] *= inv;
            }
        }
        return refiner == null ? probs : refiner.refine(image, probs);
    }

    /** Probabilities at the input's resolution of the network run at input scale {@code s}. */
    private Probabilities probabilitiesAt(RgbImage image, double s) {
        RgbImage scaled = scaledInput(image, s);
        Probabilities probs = networkProbabilities(scaled);
        if (scaled != image) {
            float[] up = Images.resizePlanes(probs.data(), numClasses, probs.width(), probs.height(),
                    image.width(), image.height());
            probs = new Probabilities(numClasses, image.width(), image.height(), up);
        }
        return probs;
    }

    /** The image as the network sees it (resized by {@link #scale()}); the input itself at scale 1. */
    RgbImage scaledInput(RgbImage image) {
        return scaledInput(image, scale);
    }

    private static RgbImage scaledInput(RgbImage image, double s) {
        if (s == 1.0) {
            return image;
        }
        int w = Math.max(1, (int) Math.round(image.width() * s));
        int h = Math.max(1, (int) Math.round(image.height() * s));
        return Images.resizeBilinear(image, w, h);
    }

    /** Whether an image of this size (network resolution) goes through the sliding window. */
    boolean isTiled(RgbImage image) {
        return (long) image.width() * image.height() > maxWholePixels;
    }

    /** Probabilities at the resolution of {@code image} (already scaled). */
    Probabilities networkProbabilities(RgbImage image) {
        return networkScores(image, true);
    }

    /**
     * Probabilities at the resolution of {@code image} (already scaled); with {@code probabilities}
     * false, a whole (untiled) image without flip gets the raw logits instead, which only serve
     * for an argmax.
     */
    private Probabilities networkScores(RgbImage image, boolean probabilities) {
        checkOpen();
        int w = image.width();
        int h = image.height();
        if (!isTiled(image)) {
            float[] probs = forward(normalization.toChw(image), 1, h, w, probabilities);
            return new Probabilities(numClasses, w, h, probs);
        }
        float[] acc = new float[checkedSize(numClasses, w, h)];
        // the accumulator covers the whole image: normalise each finished row in place
        slide(image, h, acc, (y, accumulator, weights, offset, ringPlane) -> {
            for (int x = 0; x < w; x++) {
                weights[offset + x] = 1f / weights[offset + x];
            }
            for (int c = 0; c < numClasses; c++) {
                int base = c * ringPlane + offset;
                for (int x = 0; x < w; x++) {
                    accumulator[base + x] *= weights[offset + x];
                }
            }
        });
        return new Probabilities(numClasses, w, h, acc);
    }

    /**
     * Sliding-window argmax that keeps only a band of rows: rows are finished as soon as no later
     * tile covers them, so memory is {@code classes x band x W} floats (band = tile height, or a
     * little more when a tile batch spans several tile rows) instead of {@code classes x H x W}.
     * The normalisation by summed weights is skipped: it does not change the argmax.
     */
    private LabelMask slidingArgmax(RgbImage image) {
        checkOpen();
        int w = image.width();
        byte[] labels = new byte[w * image.height()];
        TilePlan plan = new TilePlan(w, image.height(), tileSize, options.overlap());
        int ring = ringRows(plan, image.height());
        float[] acc = new float[checkedSize(numClasses, w, ring)];
        float[] best = new float[w];
        slide(image, ring, acc, (y, accumulator, weights, offset, ringPlane) -> {
            System.arraycopy(accumulator, offset, best, 0, w);
            int row = y * w;
            for (int c = 1; c < numClasses; c++) {
                int base = c * ringPlane + offset;
                byte id = (byte) c;
                for (int x = 0; x < w; x++) {
                    float v = accumulator[base + x];
                    if (v > best[x]) {
                        best[x] = v;
                        labels[row + x] = id;
                    }
                }
            }
        });
        return new LabelMask(w, image.height(), labels);
    }

    /** Rows of a ring accumulator large enough for every tile batch of {@code plan}. */
    private int ringRows(TilePlan plan, int height) {
        int ring = plan.tileHeight();
        int batch = options.tileBatch();
        for (int first = 0; first < plan.size(); first += batch) {
            int last = Math.min(first + batch, plan.size()) - 1;
            ring = Math.max(ring, plan.y(last) + plan.tileHeight() - plan.y(first));
        }
        return Math.min(ring, height);
    }

    private static int checkedSize(int classes, int w, int h) {
        long n = (long) classes * w * h;
        if (n > Integer.MAX_VALUE - 8) {
            throw new org.seg4j.Seg4jException("image of " + w + "x" + h + " with " + classes
                    + " classes is too large for one probability map; use a smaller scale");
        }
        return (int) n;
    }

    /** Receives a finished image row of the accumulator. */
    @FunctionalInterface
    private interface RowSink {
        /**
         * @param y image row
         * @param acc accumulator; class {@code c} of this row starts at {@code c * ringPlane + offset}
         * @param weights summed blending weights; this row starts at {@code offset}
         * @param offset start of the row within a class plane of the accumulator
         * @param ringPlane size of one class plane of the accumulator
         */
        void row(int y, float[] acc, float[] weights, int offset, int ringPlane);
    }

    /**
     * Runs the tiles of {@code image} in batches and blends their probabilities into {@code acc},
     * a ring of {@code ring} image rows ({@code ring == height}: the whole image, rows are not
     * cleared). Each row is handed to {@code sink} once no later tile covers it.
     */
    private void slide(RgbImage image, int ring, float[] acc, RowSink sink) {
        int w = image.width();
        int h = image.height();
        TilePlan plan = new TilePlan(w, h, tileSize, options.overlap());
        int tw = plan.tileWidth();
        int th = plan.tileHeight();
        int ringPlane = ring * w;
        int tilePlane = tw * th;
        boolean clear = ring < h;
        float[] weightSum = new float[ringPlane];
        int batch = options.tileBatch();
        float[] input = new float[batch * 3 * tilePlane];
        RgbImage crop = RgbImage.blank(tw, th);
        float[] wrow = new float[tw];
        int finished = 0;
        for (int start = 0; start < plan.size(); start += batch) {
            int n = Math.min(batch, plan.size() - start);
            for (int b = 0; b < n; b++) {
                copyTile(image, plan.x(start + b), plan.y(start + b), crop);
                normalization.toChw(crop, input, b * 3 * tilePlane);
            }
            float[] probs = forward(input, n, th, tw, true);
            for (int b = 0; b < n; b++) {
                int t = start + b;
                int x0 = plan.x(t);
                int y0 = plan.y(t);
                float[] wx = plan.weightsX(t);
                float[] wy = plan.weightsY(t);
                int pb = b * numClasses * tilePlane;
                for (int j = 0; j < th; j++) {
                    int row = ((y0 + j) % ring) * w + x0;
                    float fy = wy[j];
                    for (int i = 0; i < tw; i++) {
                        float wt = fy * wx[i];
                        wrow[i] = wt;
                        weightSum[row + i] += wt;
                    }
                    for (int c = 0; c < numClasses; c++) {
                        int src = pb + c * tilePlane + j * tw;
                        int dst = c * ringPlane + row;
                        for (int i = 0; i < tw; i++) {
                            acc[dst + i] += wrow[i] * probs[src + i];
                        }
                    }
                }
            }
            int next = start + n;
            int done = next < plan.size() ? plan.y(next) : h;
            for (int y = finished; y < done; y++) {
                int offset = (y % ring) * w;
                sink.row(y, acc, weightSum, offset, ringPlane);
                if (clear) {
                    java.util.Arrays.fill(weightSum, offset, offset + w, 0f);
                    for (int c = 0; c < numClasses; c++) {
                        java.util.Arrays.fill(acc, c * ringPlane + offset, c * ringPlane + offset + w, 0f);
                    }
                }
            }
            finished = Math.max(finished, done);
        }
    }

    private static void copyTile(RgbImage image, int x0, int y0, RgbImage tile) {
        int rowBytes = tile.width() * 3;
        for (int j = 0; j < tile.height(); j++) {
            System.arraycopy(image.data(), ((y0 + j) * image.width() + x0) * 3, tile.data(), j * rowBytes, rowBytes);
        }
    }

    /**
     * Runs {@code n} normalised CHW images of {@code h x w} (the first {@code n * 3 * h * w} floats
     * of {@code input}) through the network and returns their softmax probabilities, {@code n x
     * classes x h x w} (the logits when {@code softmax} is false and there is no flip).
     */
    private float[] forward(float[] input, int n, int h, int w, boolean softmax) {
        int size = n * 3 * h * w;
        float[] data = input.length == size ? input : java.util.Arrays.copyOf(input, size);
        float[] out;
        int oh;
        int ow;
        forwardLock.lock();
        try (GradientsOff off = GradientsOff.begin(); NDManager sub = manager.newSubManager()) {
            checkOpen();
            ParameterStore store = new ParameterStore(sub, false);
            NDArray x = sub.create(data, new Shape(n, 3, h, w));
            NDArray probs = softmax || options.flip() ? logits(store, x).softmax(1) : logits(store, x);
            if (options.flip()) {
                NDArray flipped = logits(store, x.flip(3)).softmax(1).flip(3);
                if (flipped.getShape().equals(probs.getShape())) {
                    probs = probs.add(flipped).div(2f);
                }
            }
            Shape shape = probs.getShape();
            if (shape.dimension() != 4 || shape.get(0) != n) {
                throw new IllegalStateException("model returned shape " + shape + " for input " + x.getShape()
                        + "; expected " + n + " x classes x H x W");
            }
            if (shape.get(1) != numClasses) {
                throw new IllegalStateException("model returned " + shape.get(1) + " classes but its manifest lists "
                        + numClasses);
            }
            oh = (int) shape.get(2);
            ow = (int) shape.get(3);
            out = probs.toFloatArray();
        } finally {
            forwardLock.unlock();
        }
        if (oh == h && ow == w) {
            return out;
        }
        float[] resized = Images.resizePlanes(out, n * numClasses, ow, oh, w, h);
        return resized;
    }

    private NDArray logits(ParameterStore store, NDArray x) {
        NDList result = block.forward(store, new NDList(x), false);
        return result.get(0);
    }

    /**
     * Argmax of the bilinear upsampling of {@code probs} to {@code width x height}, computed row by
     * row without materialising the full-resolution probability map.
     */
    static LabelMask upsampledArgmax(Probabilities probs, int width, int height) {
        int sw = probs.width();
        int sh = probs.height();
        int classes = probs.numClasses();
        int[] x0 = new int[width];
        int[] x1 = new int[width];
        float[] fx = new float[width];
        Images.axis(sw, width, x0, x1, fx);
        int[] y0 = new int[height];
        int[] y1 = new int[height];
        float[] fy = new float[height];
        Images.axis(sh, height, y0, y1, fy);
        float[] d = probs.data();
        int plane = sw * sh;
        byte[] labels = new byte[width * height];
        float[] best = new float[width];
        for (int y = 0; y < height; y++) {
            java.util.Arrays.fill(best, Float.NEGATIVE_INFINITY);
            float wy = fy[y];
            int o = y * width;
            for (int c = 0; c < classes; c++) {
                int r0 = c * plane + y0[y] * sw;
                int r1 = c * plane + y1[y] * sw;
                byte id = (byte) c;
                for (int x = 0; x < width; x++) {
                    float wx = fx[x];
                    float top = d[r0 + x0[x]] * (1 - wx) + d[r0 + x1[x]] * wx;
                    float bot = d[r1 + x0[x]] * (1 - wx) + d[r1 + x1[x]] * wx;
                    float v = top * (1 - wy) + bot * wy;
                    if (v > best[x]) {
                        best[x] = v;
                        labels[o + x] = id;
                    }
                }
            }
        }
        return new LabelMask(width, height, labels);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("predictor is closed");
        }
    }

    /** Frees the scratch manager and, for {@link #load}, the model. */
    @Override
    public void close() {
        forwardLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            manager.close();
            if (foldedHere) {
                BatchNormFolding.unfold(block);
            }
            if (owned != null) {
                owned.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot close model: " + e.getMessage(), e);
        } finally {
            forwardLock.unlock();
        }
    }
}
