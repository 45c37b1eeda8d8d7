package org.seg4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.seg4j.Seg4jException;
import org.seg4j.data.Batch;
import org.seg4j.model.layer.Scalars;
import org.seg4j.data.instance.CenterTargetBatch;

/**
 * Panoptic-DeepLab's loss (Cheng et al., 2020) over the network's three outputs (semantic logits,
 * centre heat map, offsets) and a batch's {@link CenterTargetBatch}:
 *
 * <pre>
 * L = semantic + centerWeight * MSE(centre) + offsetWeight * L1(offset)
 * </pre>
 *
 * <ul>
 *   <li>semantic: {@link SegmentationLoss} (cross-entropy with class weights and the ignore label,
 *       Dice or Lovász-softmax, alone or added to cross-entropy) with the targets' semantic pixel
 *       weights on top (the paper's weight 3 on instances under 4096 pixels);</li>
 *   <li>centre: squared error per pixel times the centre weight (0 on void and crowd), summed and
 *       divided by the weights' sum, as detectron2's {@code PanopticDeepLab};</li>
 *   <li>offset: absolute error of both planes per pixel times the offset weight (1 on non-crowd
 *       thing pixels), summed and divided by the weights' sum.</li>
 * </ul>
 *
 * A term whose weights are all 0 (a crop without things) is 0 with a zero gradient. Arrays are
 * attached to the outputs' manager.
 */
public final class PanopticLoss {

    private final SegmentationLoss semantic;
    private final float centerWeight;
    private final float offsetWeight;

    /**
     * @param semantic the semantic term
     * @param centerWeight weight of the centre term (200 in the paper)
     * @param offsetWeight weight of the offset term (0.01 in the paper)
     */
    public PanopticLoss(SegmentationLoss semantic, double centerWeight, double offsetWeight) {
        if (!(centerWeight >= 0) || !(offsetWeight >= 0)) {
            throw new IllegalArgumentException("panoptic loss weights must be >= 0");
        }
        this.semantic = semantic;
        this.centerWeight = (float) centerWeight;
        this.offsetWeight = (float) offsetWeight;
    }

    /** The three terms, unweighted: {semantic, centre MSE, offset L1}, each a scalar array. */
    public NDArray[] terms(NDList outputs, Batch batch) {
        if (outputs.size() != 3) {
            throw new Seg4jException("the panoptic task needs a network with three outputs (semantic logits, centre, "
                    + "offsets), e.g. --model panoptic-deeplab; this one has " + outputs.size());
        }
        CenterTargetBatch t = batch.centerTargets();
        if (t == null) {
            throw new Seg4jException("batch " + batch.ids() + " has no centre targets: the panoptic task needs "
                    + "samples with instance annotations (masks/ with instances/ beside them)");
        }
        NDArray logits = outputs.get(0);
        NDArray center = outputs.get(1);
        NDArray offset = outputs.get(2);
        NDManager m = logits.getManager();
        long n = batch.size();
        long h = batch.height();
        long w = batch.width();
        NDArray sem = semantic.compute(logits, batch.labels(), t.semanticWeight());
        NDArray cw = m.create(t.centerWeight(), new Shape(n, 1, h, w));
        NDArray ctr = weightedMean(center.sub(m.create(t.center(), new Shape(n, 1, h, w))).square(), cw,
                t.centerWeight());
        NDArray ow = m.create(t.offsetWeight(), new Shape(n, 1, h, w));
        NDArray off = weightedMean(offset.sub(m.create(t.offset(), new Shape(n, 2, h, w))).abs(), ow,
                t.offsetWeight());
        return new NDArray[] {sem, ctr, off};
    }

    /** The weighted sum of the terms. */
    public NDArray compute(NDList outputs, Batch batch) {
        NDArray[] t = terms(outputs, batch);
        return t[0].add(Scalars.mul(t[1], centerWeight)).add(Scalars.mul(t[2], offsetWeight));
    }

    /** sum(error * weight) / sum(weight), or 0 with a zero gradient when the weights are all 0. */
    private static NDArray weightedMean(NDArray error, NDArray weight, float[] weights) {
        double sum = 0;
        for (float v : weights) {
            sum += v;
        }
        NDArray weighted = error.mul(weight).sum();
        return sum > 0 ? Scalars.div(weighted, (float) sum) : Scalars.mul(weighted, 0f);
    }
}
