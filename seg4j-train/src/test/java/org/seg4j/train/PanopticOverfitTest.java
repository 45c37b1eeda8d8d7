package org.seg4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.seg4j.data.Batch;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.data.instance.PanopticAnnotation;
import org.seg4j.infer.instance.PanopticPrediction;
import org.seg4j.infer.instance.PanopticPredictor;
import org.seg4j.infer.instance.CenterGrouping;
import org.seg4j.metric.panoptic.PanopticQuality;
import org.seg4j.metric.panoptic.PanopticResult;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.data.instance.CenterTargetBatch;
import org.seg4j.model.panoptic.CenterTargetGenerator;
import org.seg4j.data.instance.CenterTargets;
import org.seg4j.train.optim.Optimizer;
import org.seg4j.transform.Normalization;

/**
 * A tiny Panoptic-DeepLab overfits one batch of two synthetic scenes (two stuff classes, boxes of
 * two thing classes, two of them touching, one pair of one class) through seg4j's training step
 * and {@link PanopticLoss}, and then the {@link PanopticPredictor} groups its outputs in inference
 * mode into a panoptic map whose PQ against the ground truth is high.
 */
class PanopticOverfitTest {

    private static final int SIZE = 64;
    private static final int[][] COLOURS = {{100, 150, 250}, {90, 90, 90}, {200, 30, 30}, {30, 200, 30}};
    static final ClassMeta CLASSES = ClassMeta.of(new String[] {"sky", "road", "car", "person"}, COLOURS, 255)
            .withThings(List.of("car", "person"));

    @Test
    void overfitsOneBatchToAHighPanopticQuality() {
        Engine.getInstance().setRandomSeed(20261206);
        List<PanopticAnnotation> truth = List.of(scene(0), scene(1));
        List<RgbImage> images = new ArrayList<>();
        for (PanopticAnnotation a : truth) {
            images.add(render(a, 7 + images.size()));
        }
        Batch batch = batch(images, truth);
        ModelSpec spec = new ModelSpec("panoptic-deeplab", "resnet18", CLASSES.numClasses(), 8,
                Map.of("output_stride", "8", "decoder_width", "24", "instance_width", "24", "head_width", "16"));
        Block block = ModelRegistry.create(spec);
        try (NDManager manager = NDManager.newBaseManager();
                Optimizer optimizer = Optimizer.create("adam", manager, 0.9f, 0f, false)) {
            ModelDirectory.initialize(block, manager, SIZE, SIZE);
            SegmentationLoss semantic = new SegmentationLoss(CLASSES.numClasses());
            PanopticLoss loss = new PanopticLoss(semantic, 200, 0.01);
            TrainingStep step = new TrainingStep(block, semantic, loss, optimizer, manager, CLASSES.numClasses(), 1);
            float first = step.run(batch, 0.01f, 0);
            float last = first;
            for (int i = 1; i < 80; i++) {
                last = step.run(batch, 0.01f, i);
            }
            assertThat(last).as("training loss").isLessThan(first / 10);
            ModelManifest manifest = manifest(spec);
            CenterGrouping grouping = CenterGrouping.builder().setClasses(CLASSES).optStuffArea(16).build();
            PanopticQuality pq = new PanopticQuality(CLASSES);
            try (PanopticPredictor predictor = new PanopticPredictor(block, manifest, grouping)) {
                for (int i = 0; i < images.size(); i++) {
                    PanopticPrediction p = predictor.predict(images.get(i));
                    pq.add(truth.get(i), p.segmentation().panoptic());
                }
            }
            PanopticResult r = pq.result();
            assertThat(r.things().pq()).as("PQ things " + r).isGreaterThan(0.8);
            assertThat(r.stuff().pq()).as("PQ stuff " + r).isGreaterThan(0.9);
        }
    }

    /** Sky above road; two touching cars (scene 0) or a car and a person, plus a person box. */
    static PanopticAnnotation scene(int k) {
        int[] ids = new int[SIZE * SIZE];
        byte[] labels = new byte[SIZE * SIZE];
        for (int i = 0; i < ids.length; i++) {
            labels[i] = (byte) (i / SIZE < SIZE / 2 ? 0 : 1);
        }
        fill(labels, ids, 30, 6, 50, 22, 2, 1);
        fill(labels, ids, 30, 22, 50, 40, k == 0 ? 2 : 3, 2); // touches the first box
        fill(labels, ids, 12 + 6 * k, 46, 40 + 6 * k, 58, 3, 3);
        return PanopticAnnotation.fromSemantic(new LabelMask(SIZE, SIZE, labels), ids, CLASSES);
    }

    private static void fill(byte[] labels, int[] ids, int y0, int x0, int y1, int x1, int cls, int id) {
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                labels[y * SIZE + x] = (byte) cls;
                ids[y * SIZE + x] = id;
            }
        }
    }

    /** Each class's colour plus noise; instances of one class look alike. */
    static RgbImage render(PanopticAnnotation a, long seed) {
        Random rnd = new Random(seed);
        LabelMask m = a.classMask();
        byte[] rgb = new byte[SIZE * SIZE * 3];
        for (int i = 0; i < SIZE * SIZE; i++) {
            int[] c = COLOURS[m.data()[i] & 0xFF];
            for (int ch = 0; ch < 3; ch++) {
                rgb[i * 3 + ch] = (byte) Math.max(0, Math.min(255, c[ch] + (int) (rnd.nextGaussian() * 12)));
            }
        }
        return new RgbImage(SIZE, SIZE, rgb);
    }

    static Batch batch(List<RgbImage> images, List<PanopticAnnotation> truth) {
        int plane = SIZE * SIZE;
        float[] x = new float[images.size() * 3 * plane];
        byte[] labels = new byte[images.size() * plane];
        List<CenterTargets> targets = new ArrayList<>();
        CenterTargetGenerator generator = CenterTargetGenerator.builder().setClasses(CLASSES).build();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            Normalization.IMAGENET.toChw(images.get(i), x, i * 3 * plane);
            System.arraycopy(truth.get(i).classMask().data(), 0, labels, i * plane, plane);
            targets.add(generator.generate(truth.get(i)));
            ids.add("scene" + i);
        }
        return new Batch(x, labels, images.size(), SIZE, SIZE, ids, CenterTargetBatch.of(targets));
    }

    static ModelManifest manifest(ModelSpec spec) {
        var pre = new ModelManifest.Preprocessing(SIZE, SIZE, Normalization.IMAGENET.mean(),
                Normalization.IMAGENET.std(), 1.0);
        var provenance = new ModelManifest.Provenance("test", "", "", "", 1, "", "", Map.of());
        return new ModelManifest(ModelManifest.FORMAT_VERSION, spec, CLASSES, pre, provenance, Map.of())
                .withTask(ModelManifest.TASK_PANOPTIC);
    }
}
