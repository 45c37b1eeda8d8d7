package org.seg4j.train.loader;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.seg4j.Seg4jException;
import org.seg4j.data.Batch;
import org.seg4j.data.LabelMask;
import org.seg4j.data.Sample;
import org.seg4j.data.SampleSource;
import org.seg4j.data.instance.CenterTargetBatch;
import org.seg4j.model.panoptic.CenterTargetGenerator;
import org.seg4j.data.instance.CenterTargets;
import org.seg4j.metric.video.FlowField;
import org.seg4j.transform.ClassPaste;
import org.seg4j.transform.JointTransform;
import org.seg4j.transform.Normalization;

/**
 * Reads, transforms and packs the samples of one batch; runs on a worker thread. Samples that carry
 * an instance annotation (after the transforms, so it is aligned with the crop) also get their
 * Panoptic-DeepLab targets ({@link CenterTargetGenerator} with the paper's defaults). With a
 * {@link ClassPaste}, every sample of a single-image batch may then receive pixels from another
 * sample of the same batch (the donors are the transformed samples before any paste).
 */
final class BatchAssembler {

    /** A displacement that leaves any frame, for non-finite flow values. */
    private static final float FAR = 1e6f;

    private final SampleSource source;
    private final JointTransform pipeline;
    private final Normalization normalization;
    private final long seed;
    private final int numClasses;
    private final ClipFrames clips;
    private final CenterTargetGenerator targets;
    private final ClassPaste paste;

    /**
     * @param clips how each sample becomes a clip, {@code null} for single images
     * @param paste copy-paste between the samples of a batch, {@code null} for none
     */
    BatchAssembler(SampleSource source, JointTransform pipeline, Normalization normalization, long seed,
            ClipFrames clips, ClassPaste paste) {
        this.source = source;
        this.pipeline = pipeline;
        this.normalization = normalization;
        this.seed = seed;
        this.numClasses = source.classes().numClasses();
        this.clips = clips;
        this.paste = paste;
        this.targets = CenterTargetGenerator.builder().setClasses(source.classes()).build();
    }

    /** Builds the batch of the given dataset indices for {@code epoch}. */
    Batch assemble(int epoch, int[] indices) {
        List<Sample> samples;
        List<FlowField> flows = new ArrayList<>();
        if (clips == null) {
            samples = samples(epoch, indices);
        } else {
            samples = new ArrayList<>(indices.length * clips.length());
            for (int index : indices) {
                ClipFrames.Clip clip = prepare(epoch, index);
                samples.addAll(clip.frames());
                if (clip.flows() != null) {
                    flows.addAll(clip.flows());
                }
            }
        }
        Sample first = samples.get(0);
        int w = first.image().width();
        int h = first.image().height();
        int plane = w * h;
        boolean labelled = first.mask() != null;
        float[] images = new float[samples.size() * 3 * plane];
        byte[] labels = labelled ? new byte[samples.size() * plane] : null;
        List<String> ids = new ArrayList<>(samples.size());
        boolean panoptic = first.instances() != null;
        List<CenterTargets> centers = panoptic ? new ArrayList<>(samples.size()) : null;
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            if (s.image().width() != w || s.image().height() != h) {
                throw new Seg4jException("sample " + s.id() + " is " + s.image().width() + "x" + s.image().height()
                        + " after the transforms but sample " + first.id() + " in the same batch is " + w + "x" + h
                        + "; add a Resize or RandomCrop so that every sample has one size");
            }
            if ((s.mask() != null) != labelled) {
                throw new Seg4jException("sample " + (labelled ? s.id() : first.id())
                        + " has no mask but others in its batch do");
            }
            if ((s.instances() != null) != panoptic) {
                throw new Seg4jException("sample " + (panoptic ? s.id() : first.id())
                        + " has no instance annotation but others in its batch do");
            }
            if (panoptic) {
                centers.add(targets.generate(s.instances()));
            }
            normalization.toChw(s.image(), images, i * 3 * plane);
            if (labelled) {
                System.arraycopy(s.mask().data(), 0, labels, i * plane, plane);
            }
            ids.add(s.id());
        }
        return new Batch(images, labels, samples.size(), h, w, ids,
                panoptic ? CenterTargetBatch.of(centers) : null, flows.isEmpty() ? null : planes(flows, w, h));
    }

    /**
     * The single-image samples of a batch as it holds them before normalisation: transformed, then
     * pasted when copy-paste is on.
     */
    List<Sample> samples(int epoch, int[] indices) {
        if (clips != null) {
            throw new Seg4jException("this loader makes clips of " + clips.length() + " frames, not single images");
        }
        List<Sample> samples = new ArrayList<>(indices.length);
        for (int index : indices) {
            samples.addAll(prepare(epoch, index).frames());
        }
        return paste != null && samples.size() > 1 ? pasted(epoch, indices, samples) : samples;
    }

    /**
     * Every sample after a paste from another, randomly chosen sample of the batch; the choice and
     * the paste draw from a generator of (seed, epoch, the target's index), so they repeat on resume.
     */
    private List<Sample> pasted(int epoch, int[] indices, List<Sample> samples) {
        int n = samples.size();
        List<Sample> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SplittableRandom rng = new SplittableRandom(Seeds.mix(Seeds.mix(seed, epoch, indices[i]), Seeds.PASTE, 0));
            Sample donor = samples.get((i + 1 + rng.nextInt(n - 1)) % n);
            try {
                out.add(paste.apply(samples.get(i), donor, rng));
            } catch (RuntimeException e) {
                throw new Seg4jException("sample " + samples.get(i).id() + " (index " + indices[i] + "): "
                        + e.getMessage(), e);
            }
        }
        return out;
    }

    /**
     * The flows as {@code N x 2 x h x w} planes (dx plane, then dy plane, per frame), finite, as
     * {@code FlowWarp.bilinear} needs.
     */
    private static float[] planes(List<FlowField> flows, int w, int h) {
        int plane = w * h;
        float[] out = new float[flows.size() * 2 * plane];
        for (int i = 0; i < flows.size(); i++) {
            FlowField f = flows.get(i);
            if (f.width() != w || f.height() != h) {
                throw new Seg4jException("a clip's flow is " + f.width() + "x" + f.height() + " but its frames are "
                        + w + "x" + h);
            }
            float[] d = f.data();
            for (int p = 0; p < plane; p++) {
                // a non-finite flow (an estimator's failure) points far outside: the warp reads zero there
                boolean finite = Float.isFinite(d[2 * p]) && Float.isFinite(d[2 * p + 1]);
                out[(2 * i) * plane + p] = finite ? d[2 * p] : FAR;
                out[(2 * i + 1) * plane + p] = finite ? d[2 * p + 1] : FAR;
            }
        }
        return out;
    }

    /** The sample (or its clip's frames, with their flows if any) of {@code index}, transformed. */
    private ClipFrames.Clip prepare(int epoch, int index) {
        String id = index + "";
        try {
            id = source.id(index);
            long sampleSeed = Seeds.mix(seed, epoch, index);
            ClipFrames.Clip out = clips == null
                    ? new ClipFrames.Clip(List.of(pipeline.apply(source.load(index), new SplittableRandom(sampleSeed))),
                            null)
                    : clips.clipWithFlows(source, index, pipeline, sampleSeed);
            for (Sample s : out.frames()) {
                if (s.mask() != null) {
                    checkLabels(s.mask());
                }
            }
            return out;
        } catch (RuntimeException e) {
            throw new Seg4jException("sample " + id + " (index " + index + "): " + e.getMessage(), e);
        }
    }

    private void checkLabels(LabelMask mask) {
        for (byte b : mask.data()) {
            int v = b & 0xFF;
            if (v >= numClasses && v != LabelMask.IGNORE) {
                throw new Seg4jException("mask value " + v + " is not a class id (0.." + (numClasses - 1)
                        + ") nor void (" + LabelMask.IGNORE + ")");
            }
        }
    }
}
