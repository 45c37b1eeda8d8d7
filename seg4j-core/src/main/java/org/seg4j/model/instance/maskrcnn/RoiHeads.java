package org.seg4j.model.instance.maskrcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.seg4j.model.layer.BoxCoder;
import org.seg4j.model.layer.Boxes;
import org.seg4j.model.layer.Nms;
import org.seg4j.model.layer.RoiAlign;
import org.seg4j.model.layer.Scalars;

/**
 * The box and mask branches' logic around {@link BoxHead} and {@link MaskHead}, as torchvision's
 * {@code RoIHeads}. Training: the ground-truth boxes join the proposals, proposals are matched at
 * IoU 0.5 and sampled (at most 25 % positive), and the losses are the classification
 * cross-entropy, smooth L1 (beta 1/9) on the positives' offsets of their own class summed and
 * divided by the sample size, and the binary cross-entropy of each positive's mask logits of its
 * own class against its ground-truth mask RoI-aligned to 28x28. Inference: softmax scores,
 * class-specific boxes, score threshold, boxes under 0.01 pixels dropped, NMS per class, the best
 * detections, then the mask branch on the detected boxes.
 */
final class RoiHeads {

    static final int BOX_POOL = 7;
    static final int MASK_POOL = 14;
    static final int MASK_SIZE = 28;
    private static final float MIN_SIZE = 1e-2f;

    private final MaskRcnnConfig config;
    private final MultiScaleRoiAlign pooler;
    private final Matcher matcher = new Matcher(0.5f, 0.5f, false);
    private final BalancedSampler sampler;

    RoiHeads(MaskRcnnConfig config) {
        this.config = config;
        this.pooler = new MultiScaleRoiAlign(config.canonicalScale);
        this.sampler = new BalancedSampler(config.roiBatch, config.roiPositiveFraction);
    }

    /** Classification, box and mask losses. */
    NDArray[] loss(ParameterStore ps, Block boxHead, Block maskHead, NDList features, float[][] proposals,
            List<InstanceTargets> targets, long imageHeight, long imageWidth, Random random) {
        NDManager m = features.head().getManager();
        int numClasses = config.numClasses + 1;
        List<Float> rois = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<float[]> positiveRois = new ArrayList<>(); // (image, x1, y1, x2, y2)
        List<float[]> positiveGt = new ArrayList<>();
        List<Integer> positiveLabels = new ArrayList<>();
        List<NDArray> maskTargets = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            InstanceTargets t = targets.get(i);
            float[] props = Arrays.copyOf(proposals[i], proposals[i].length + t.boxes().length);
            System.arraycopy(t.boxes(), 0, props, proposals[i].length, t.boxes().length);
            int p = props.length / 4;
            int[] matches;
            if (t.size() == 0) {
                matches = new int[p];
                Arrays.fill(matches, Matcher.BELOW_LOW);
            } else {
                float[] iou = Boxes.iou(m.create(t.boxes(), new Shape(t.size(), 4)), m.create(props, new Shape(p, 4)))
                        .toFloatArray();
                matches = matcher.match(iou, t.size(), p);
            }
            BalancedSampler.Sample s = sampler.sample(matches, random);
            List<float[]> imagePositives = new ArrayList<>();
            int[] gtIndex = new int[s.positives().length];
            for (int j = 0; j < s.positives().length; j++) {
                int k = s.positives()[j];
                float[] roi = {i, props[4 * k], props[4 * k + 1], props[4 * k + 2], props[4 * k + 3]};
                addRoi(rois, roi);
                labels.add(t.labels()[matches[k]]);
                positiveRois.add(roi);
                imagePositives.add(roi);
                positiveGt.add(Arrays.copyOfRange(t.boxes(), 4 * matches[k], 4 * matches[k] + 4));
                positiveLabels.add(t.labels()[matches[k]]);
                gtIndex[j] = matches[k];
            }
            for (int k : s.negatives()) {
                addRoi(rois, new float[] {i, props[4 * k], props[4 * k + 1], props[4 * k + 2], props[4 * k + 3]});
                labels.add(0);
            }
            if (!imagePositives.isEmpty()) {
                maskTargets.add(maskTargets(m, t, imagePositives, gtIndex, imageHeight, imageWidth));
            }
        }
        float[] roiArray = toArray(rois);
        int r = roiArray.length / 5;
        if (r == 0) {
            // no proposal and no ground truth in any image: nothing to classify
            NDArray zero = m.create(0f);
            return new NDArray[] {zero, zero, zero};
        }
        NDList boxOut = boxHead.forward(ps, new NDList(pooler.pool(features, roiArray, BOX_POOL, imageHeight)), true);
        NDArray classLogits = boxOut.get(0);
        NDArray offsets = boxOut.get(1);
        int[] labelArray = labels.stream().mapToInt(Integer::intValue).toArray();
        NDArray clsLoss = DetectionLosses.crossEntropy(classLogits, oneHot(m, labelArray, numClasses));
        int pos = positiveRois.size();
        if (pos == 0) {
            NDArray zero = m.create(0f);
            return new NDArray[] {clsLoss, offsets.sum().mul(zero), zero};
        }
        NDArray posOneHot = oneHot(m, positiveLabels.stream().mapToInt(Integer::intValue).toArray(), numClasses);
        // rows with a label, in sample order: the same order as positiveRois
        long[] posRows = new long[pos];
        int seen = 0;
        for (int j = 0; j < r; j++) {
            if (labelArray[j] > 0) {
                posRows[seen++] = j;
            }
        }
        NDArray posIdx = m.create(posRows);
        NDArray predicted = offsets.get(new NDIndex("{}", posIdx)).reshape(pos, numClasses, 4)
                .mul(posOneHot.expandDims(2)).sum(new int[] {1});
        float[] posBoxes = new float[4 * pos];
        float[] gtBoxes = new float[4 * pos];
        float[] posRoiArray = new float[5 * pos];
        for (int j = 0; j < pos; j++) {
            System.arraycopy(positiveRois.get(j), 1, posBoxes, 4 * j, 4);
            System.arraycopy(positiveGt.get(j), 0, gtBoxes, 4 * j, 4);
            System.arraycopy(positiveRois.get(j), 0, posRoiArray, 5 * j, 5);
        }
        NDArray boxTargets = BoxCoder.BOX_HEAD.encode(m.create(gtBoxes, new Shape(pos, 4)),
                m.create(posBoxes, new Shape(pos, 4)));
        NDArray boxLoss = Scalars.div(DetectionLosses.smoothL1Sum(predicted, boxTargets), r);

        NDArray maskLogits = maskHead.forward(ps, new NDList(pooler.pool(features, posRoiArray, MASK_POOL,
                imageHeight)), true).head();
        NDArray ownClass = maskLogits.mul(posOneHot.reshape(pos, numClasses, 1, 1)).sum(new int[] {1});
        NDArray target = NDArrays.concat(new NDList(maskTargets), 0);
        NDArray maskLoss = DetectionLosses.bceWithLogits(ownClass, target);
        return new NDArray[] {clsLoss, boxLoss, maskLoss};
    }

    /** Ground-truth masks of one image RoI-aligned onto its positive proposals: {@code [P, 28, 28]}. */
    private static NDArray maskTargets(NDManager m, InstanceTargets t, List<float[]> positives, int[] gtIndex,
            long imageHeight, long imageWidth) {
        int g = t.size();
        float[] planes = new float[(int) (g * imageHeight * imageWidth)];
        for (int k = 0; k < g; k++) {
            boolean[] mask = t.masks()[k];
            for (int y = 0; y < t.height(); y++) {
                for (int x = 0; x < t.width(); x++) {
                    if (mask[y * t.width() + x]) {
                        planes[(int) ((k * imageHeight + y) * imageWidth + x)] = 1f;
                    }
                }
            }
        }
        float[] rois = new float[5 * positives.size()];
        for (int j = 0; j < positives.size(); j++) {
            rois[5 * j] = gtIndex[j];
            System.arraycopy(positives.get(j), 1, rois, 5 * j + 1, 4);
        }
        NDArray masks = m.create(planes, new Shape(g, 1, imageHeight, imageWidth));
        return RoiAlign.apply(masks, m.create(rois, new Shape(positives.size(), 5)), MASK_SIZE, MASK_SIZE, 1f, 2, false)
                .squeeze(1);
    }

    /** The detections of each image. */
    List<RawDetections> detect(ParameterStore ps, Block boxHead, Block maskHead, NDList features,
            float[][] proposals, int imageHeight, int imageWidth, int[][] imageSizes) {
        NDManager m = features.head().getManager();
        int numClasses = config.numClasses + 1;
        float[] rois = imageRois(proposals);
        int r = rois.length / 5;
        List<RawDetections> out = new ArrayList<>();
        if (r == 0) {
            for (int i = 0; i < proposals.length; i++) {
                out.add(RawDetections.empty());
            }
            return out;
        }
        NDList boxOut = boxHead.forward(ps, new NDList(pooler.pool(features, rois, BOX_POOL, imageHeight)), false);
        float[] scores = boxOut.get(0).softmax(1).toFloatArray();
        float[] props = new float[4 * r];
        for (int j = 0; j < r; j++) {
            System.arraycopy(rois, 5 * j + 1, props, 4 * j, 4);
        }
        NDArray references = m.create(props, new Shape(r, 1, 4)).repeat(1, numClasses).reshape(-1, 4);
        float[] boxes = BoxCoder.BOX_HEAD.decode(boxOut.get(1).reshape(-1, 4), references).toFloatArray();
        int start = 0;
        for (int i = 0; i < proposals.length; i++) {
            int count = proposals[i].length / 4;
            int h = imageSizes[i][0];
            int w = imageSizes[i][1];
            List<float[]> cands = new ArrayList<>(); // x1, y1, x2, y2, score, label
            for (int j = start; j < start + count; j++) {
                for (int c = 1; c < numClasses; c++) {
                    float score = scores[j * numClasses + c];
                    int b = 4 * (j * numClasses + c);
                    float x1 = clamp(boxes[b], w);
                    float y1 = clamp(boxes[b + 1], h);
                    float x2 = clamp(boxes[b + 2], w);
                    float y2 = clamp(boxes[b + 3], h);
                    if (score > config.scoreThreshold && x2 - x1 >= MIN_SIZE && y2 - y1 >= MIN_SIZE) {
                        cands.add(new float[] {x1, y1, x2, y2, score, c});
                    }
                }
            }
            start += count;
            out.add(select(ps, maskHead, features, m, cands, i, imageHeight));
        }
        return out;
    }

    private RawDetections select(ParameterStore ps, Block maskHead, NDList features, NDManager m, List<float[]> cands,
            int image, int imageHeight) {
        int n = cands.size();
        if (n == 0) {
            return RawDetections.empty();
        }
        float[] b = new float[4 * n];
        float[] s = new float[n];
        int[] c = new int[n];
        for (int j = 0; j < n; j++) {
            System.arraycopy(cands.get(j), 0, b, 4 * j, 4);
            s[j] = cands.get(j)[4];
            c[j] = (int) cands.get(j)[5];
        }
        int[] keep = Nms.batched(m.create(b, new Shape(n, 4)), m.create(s), m.create(c), config.detectionNms);
        int d = Math.min(keep.length, config.detectionsPerImage);
        float[] boxes = new float[4 * d];
        float[] scores = new float[d];
        int[] labels = new int[d];
        float[] rois = new float[5 * d];
        for (int j = 0; j < d; j++) {
            System.arraycopy(b, 4 * keep[j], boxes, 4 * j, 4);
            scores[j] = s[keep[j]];
            labels[j] = c[keep[j]];
            rois[5 * j] = image;
            System.arraycopy(b, 4 * keep[j], rois, 5 * j + 1, 4);
        }
        NDArray logits = maskHead.forward(ps, new NDList(pooler.pool(features, rois, MASK_POOL, imageHeight)), false)
                .head();
        NDArray own = logits.mul(oneHot(m, labels, config.numClasses + 1).reshape(d, -1, 1, 1)).sum(new int[] {1});
        float[] masks = ai.djl.nn.Activation.sigmoid(own).toFloatArray();
        return new RawDetections(boxes, scores, labels, masks);
    }

    private static float clamp(float v, int max) {
        return Math.max(0, Math.min(max, v));
    }

    private static float[] imageRois(float[][] proposals) {
        List<Float> rois = new ArrayList<>();
        for (int i = 0; i < proposals.length; i++) {
            for (int j = 0; j < proposals[i].length / 4; j++) {
                addRoi(rois, new float[] {i, proposals[i][4 * j], proposals[i][4 * j + 1], proposals[i][4 * j + 2],
                        proposals[i][4 * j + 3]});
            }
        }
        return toArray(rois);
    }

    private static void addRoi(List<Float> rois, float[] roi) {
        for (float v : roi) {
            rois.add(v);
        }
    }

    private static float[] toArray(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static NDArray oneHot(NDManager m, int[] labels, int classes) {
        float[] out = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            out[i * classes + labels[i]] = 1f;
        }
        return m.create(out, new Shape(labels.length, classes)).toType(DataType.FLOAT32, false);
    }
}
