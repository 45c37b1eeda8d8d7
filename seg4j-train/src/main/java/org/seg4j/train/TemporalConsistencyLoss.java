package org.seg4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.seg4j.Seg4jException;
import org.seg4j.data.LabelMask;
import org.seg4j.metric.video.FlowWarp;
import org.seg4j.model.layer.Scalars;

/**
 * Temporal consistency loss of video training ({@code temporal_consistency}): the temporal loss of
 * Liu et al. 2020 ("Efficient Semantic Video Segmentation with Per-frame Inference", ECCV), which
 * asks each frame's class probabilities to agree with the previous frame's once the motion between
 * them is undone.
 *
 * <p>For every frame {@code t > 0} of a clip, with {@code q_t = softmax(logits_t)} and {@code W} the
 * bilinear backward warp along the flow from frame {@code t} to frame {@code t - 1} ({@link
 * FlowWarp#bilinear}):
 *
 * <pre>
 *   L = sum over pixels of  o * sum_c (q_t,c - W(q_t-1)_c)^2  /  sum over pixels of o
 * </pre>
 *
 * where {@code o} is 1 where the warp's source lies wholly inside frame {@code t - 1} and frame
 * {@code t}'s label is not void (on synthetic clips, content from outside the image is void), and 0
 * elsewhere; sums run over all frame pairs of the batch. The previous frame's warped probabilities
 * are a constant (no gradient): the loss pulls the current frame towards what came before, which
 * only a network that sees the past (a temporal memory) can do on purpose. Without flows nothing is
 * compensated and the loss would penalise motion itself, so it needs them ({@code Batch#flows}).
 */
public final class TemporalConsistencyLoss {

    private final float weight;

    /**
     * @param weight the loss's weight next to the segmentation loss, finite and positive
     */
    public TemporalConsistencyLoss(double weight) {
        if (!(weight > 0) || Double.isInfinite(weight)) {
            throw new Seg4jException("temporal_consistency must be a finite positive weight, got " + weight);
        }
        this.weight = (float) weight;
    }

    public float weight() {
        return weight;
    }

    /**
     * The weighted loss of a batch of whole clips.
     *
     * @param logits {@code (N, C, H, W)} with {@code N = clips * clipLength}, clip-major
     * @param flows {@code (N, 2, H, W)}: frame {@code i}'s flow to the frame before it (the first
     *     frame's is not used)
     * @param labels {@code N * H * W} labels, void ({@link LabelMask#IGNORE}) pixels left out
     * @param clipLength frames per clip, at least 2
     * @return {@code weight * L}, a scalar in the manager of {@code logits}; 0 when no pixel counts
     */
    public NDArray compute(NDArray logits, NDArray flows, byte[] labels, int clipLength) {
        Shape s = logits.getShape();
        if (s.dimension() != 4 || clipLength < 2 || s.get(0) % clipLength != 0) {
            throw new IllegalArgumentException("temporal consistency needs (clips * " + clipLength
                    + ", C, H, W) logits of clips of at least 2 frames, got " + s);
        }
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        if (!flows.getShape().equals(new Shape(n, 2, h, w))) {
            throw new IllegalArgumentException("flows must be " + new Shape(n, 2, h, w) + ", got " + flows.getShape());
        }
        if (labels.length != n * h * w) {
            throw new IllegalArgumentException("labels have " + labels.length + " values, logits cover "
                    + n * h * w + " pixels " + s);
        }
        long clips = n / clipLength;
        long pairs = clips * (clipLength - 1);
        NDManager m = logits.getManager();
        NDArray q = logits.softmax(1).reshape(clips, clipLength, c, h, w);
        NDArray current = q.get(new NDIndex(":, 1:")).reshape(pairs, c, h, w);
        NDArray previous = q.get(new NDIndex(":, :-1")).reshape(pairs, c, h, w).stopGradient();
        NDArray flow = flows.reshape(clips, clipLength, 2, h, w).get(new NDIndex(":, 1:")).reshape(pairs, 2, h, w);
        NDArray warped = FlowWarp.bilinear(previous, flow);
        // the warp reads zero outside the previous frame: a warped plane of ones shows where it is whole
        NDArray inside = FlowWarp.bilinear(m.ones(new Shape(pairs, 1, h, w)), flow).gte(0.999f)
                .toType(DataType.FLOAT32, false);
        NDArray mask = inside.mul(m.create(labelled(labels, clipLength, (int) (h * w)), new Shape(pairs, 1, h, w)));
        float counted = mask.sum().getFloat();
        NDArray squared = current.sub(warped).square().sum(new int[] {1}, true).mul(mask).sum();
        if (counted == 0) {
            return Scalars.mul(squared, 0f);
        }
        return Scalars.mul(squared, weight / counted);
    }

    /** 1 for each non-void pixel of every frame but each clip's first, 0 elsewhere. */
    private static float[] labelled(byte[] labels, int clipLength, int plane) {
        int frames = labels.length / plane;
        float[] out = new float[(frames / clipLength) * (clipLength - 1) * plane];
        int k = 0;
        for (int f = 0; f < frames; f++) {
            if (f % clipLength == 0) {
                continue;
            }
            for (int i = 0; i < plane; i++) {
                out[k++] = (labels[f * plane + i] & 0xFF) == LabelMask.IGNORE ? 0f : 1f;
            }
        }
        return out;
    }
}
