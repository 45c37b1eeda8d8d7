package org.seg4j.model.instance.maskrcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.seg4j.model.layer.BoxCoder;
import org.seg4j.model.layer.Boxes;
import org.seg4j.model.layer.Nms;

/**
 * The region proposal network's logic around {@link RpnHead}, as torchvision's {@code
 * RegionProposalNetwork}: anchors, proposal selection (per level the top objectness logits, decode,
 * clip, drop boxes under 1e-3 pixels, NMS per level at 0.7, then the best per image) and the loss
 * (anchors matched at IoU 0.7 / 0.3 with low-quality matches, 256 sampled with at most half
 * positive; objectness BCE over the sample, smooth L1 (beta 1/9) on the positives' offsets summed
 * and divided by the sample size).
 */
final class RegionProposals {

    private static final float MIN_SIZE = 1e-3f;

    private final MaskRcnnConfig config;
    private final AnchorGenerator anchors;
    private final Matcher matcher = new Matcher(0.7f, 0.3f, true);
    private final BalancedSampler sampler;

    RegionProposals(MaskRcnnConfig config) {
        this.config = config;
        this.anchors = new AnchorGenerator(config.anchorSizes, config.aspectRatios);
        this.sampler = new BalancedSampler(config.rpnBatch, 0.5f);
    }

    int anchorsPerLocation() {
        return anchors.anchorsPerLocation();
    }

    /** The head's outputs flattened over levels, with the anchors and each anchor's level. */
    record Flat(NDArray objectness, NDArray offsets, NDArray anchorBoxes, int[] levelStarts) {

        int count() {
            return (int) anchorBoxes.getShape().get(0);
        }
    }

    /**
     * @param head {@link RpnHead} output: objectness and offsets per level
     * @param imageHeight padded input height, for each level's stride
     */
    Flat flatten(NDList head, int imageHeight) {
        int levels = head.size() / 2;
        NDManager m = head.head().getManager();
        long n = head.head().getShape().get(0);
        int a = anchors.anchorsPerLocation();
        NDList obj = new NDList(levels);
        NDList off = new NDList(levels);
        int[][] sizes = new int[levels][];
        int[] strides = new int[levels];
        int[] starts = new int[levels + 1];
        for (int l = 0; l < levels; l++) {
            NDArray o = head.get(2 * l);
            Shape s = o.getShape();
            long h = s.get(2);
            long w = s.get(3);
            obj.add(o.transpose(0, 2, 3, 1).reshape(n, -1));
            off.add(head.get(2 * l + 1).reshape(n, a, 4, h, w).transpose(0, 3, 4, 1, 2).reshape(n, -1, 4));
            sizes[l] = new int[] {(int) h, (int) w};
            strides[l] = (int) Math.round((double) imageHeight / h);
            starts[l + 1] = starts[l] + (int) (h * w * a);
        }
        float[] boxes = anchors.anchors(sizes, strides);
        return new Flat(NDArrays.concat(obj, 1), NDArrays.concat(off, 1),
                m.create(boxes, new Shape(boxes.length / 4, 4)), starts);
    }

    /**
     * Proposals {@code 4·P} of each image, best first.
     *
     * @param imageSizes each image's {@code {height, width}} before padding: proposals are clipped to it
     */
    float[][] propose(Flat flat, int[][] imageSizes, boolean training) {
        int preNms = training ? config.rpnPreNmsTrain : config.rpnPreNmsTest;
        int postNms = training ? config.rpnPostNmsTrain : config.rpnPostNmsTest;
        long n = flat.objectness().getShape().get(0);
        float[][] out = new float[(int) n][];
        NDManager m = flat.objectness().getManager();
        int levels = flat.levelStarts().length - 1;
        for (int i = 0; i < n; i++) {
            try (NDManager sub = m.newSubManager()) {
                float[] logits = flat.objectness().get(i).toFloatArray();
                int[] chosen = new int[0];
                int[] chosenLevel = new int[0];
                for (int l = 0; l < levels; l++) {
                    int[] top = topK(logits, flat.levelStarts()[l], flat.levelStarts()[l + 1], preNms);
                    int from = chosen.length;
                    chosen = Arrays.copyOf(chosen, from + top.length);
                    chosenLevel = Arrays.copyOf(chosenLevel, from + top.length);
                    System.arraycopy(top, 0, chosen, from, top.length);
                    Arrays.fill(chosenLevel, from, chosen.length, l);
                }
                NDArray idx = sub.create(Arrays.stream(chosen).asLongStream().toArray());
                NDArray offsets = flat.offsets().get(i).stopGradient().get(new NDIndex("{}", idx));
                NDArray anchorBoxes = flat.anchorBoxes().get(new NDIndex("{}", idx));
                float[] boxes = Boxes.clip(BoxCoder.RPN.decode(offsets, anchorBoxes), imageSizes[i][0],
                        imageSizes[i][1]).toFloatArray();
                int kept = 0;
                int[] keepIdx = new int[chosen.length];
                for (int j = 0; j < chosen.length; j++) {
                    if (boxes[4 * j + 2] - boxes[4 * j] >= MIN_SIZE && boxes[4 * j + 3] - boxes[4 * j + 1] >= MIN_SIZE) {
                        keepIdx[kept++] = j;
                    }
                }
                float[] kb = new float[4 * kept];
                float[] ks = new float[kept];
                int[] kl = new int[kept];
                for (int j = 0; j < kept; j++) {
                    System.arraycopy(boxes, 4 * keepIdx[j], kb, 4 * j, 4);
                    ks[j] = logits[chosen[keepIdx[j]]];
                    kl[j] = chosenLevel[keepIdx[j]];
                }
                int[] keep = Nms.batched(sub.create(kb, new Shape(kept, 4)), sub.create(ks), sub.create(kl),
                        config.rpnNms);
                int count = Math.min(postNms, keep.length);
                out[i] = new float[4 * count];
                for (int j = 0; j < count; j++) {
                    System.arraycopy(kb, 4 * keep[j], out[i], 4 * j, 4);
                }
            }
        }
        return out;
    }

    /** Objectness BCE + box smooth L1 over the sampled anchors of all images. */
    NDArray[] loss(Flat flat, List<InstanceTargets> targets, Random random) {
        NDManager m = flat.objectness().getManager();
        int a = flat.count();
        long[] sampled = new long[0];
        float[] labels = new float[0];
        long[] positives = new long[0];
        float[] posGt = new float[0];
        for (int i = 0; i < targets.size(); i++) {
            InstanceTargets t = targets.get(i);
            int[] matches;
            float[] gt = t.boxes();
            if (t.size() == 0) {
                matches = new int[a];
                Arrays.fill(matches, Matcher.BELOW_LOW);
            } else {
                float[] iou = Boxes.iou(m.create(gt, new Shape(t.size(), 4)), flat.anchorBoxes()).toFloatArray();
                matches = matcher.match(iou, t.size(), a);
            }
            BalancedSampler.Sample s = sampler.sample(matches, random);
            int from = sampled.length;
            sampled = Arrays.copyOf(sampled, from + s.positives().length + s.negatives().length);
            labels = Arrays.copyOf(labels, sampled.length);
            int p0 = positives.length;
            positives = Arrays.copyOf(positives, p0 + s.positives().length);
            posGt = Arrays.copyOf(posGt, 4 * positives.length);
            for (int j = 0; j < s.positives().length; j++) {
                int k = s.positives()[j];
                sampled[from + j] = (long) i * a + k;
                labels[from + j] = 1;
                positives[p0 + j] = (long) i * a + k;
                System.arraycopy(gt, 4 * matches[k], posGt, 4 * (p0 + j), 4);
            }
            for (int j = 0; j < s.negatives().length; j++) {
                sampled[from + s.positives().length + j] = (long) i * a + s.negatives()[j];
            }
        }
        NDArray objectness = flat.objectness().reshape(-1).get(new NDIndex("{}", m.create(sampled)));
        NDArray objLoss = DetectionLosses.bceWithLogits(objectness, m.create(labels));
        NDArray boxLoss;
        if (positives.length == 0) {
            boxLoss = flat.offsets().sum().mul(m.create(0f));
        } else {
            NDArray posIdx = m.create(positives);
            NDArray predicted = flat.offsets().reshape(-1, 4).get(new NDIndex("{}", posIdx));
            NDArray anchorIdx = m.create(Arrays.stream(positives).map(p -> p % a).toArray());
            NDArray target = BoxCoder.RPN.encode(m.create(posGt, new Shape(positives.length, 4)),
                    flat.anchorBoxes().get(new NDIndex("{}", anchorIdx)));
            boxLoss = org.seg4j.model.layer.Scalars.div(DetectionLosses.smoothL1Sum(predicted, target), sampled.length);
        }
        return new NDArray[] {objLoss, boxLoss};
    }

    /** Indices in {@code [from, to)} of the {@code k} largest values, largest first (ties by index). */
    static int[] topK(float[] values, int from, int to, int k) {
        Integer[] idx = new Integer[to - from];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = from + i;
        }
        Arrays.sort(idx, (x, y) -> Float.compare(values[y], values[x]));
        int n = Math.min(k, idx.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = idx[i];
        }
        return out;
    }

}
