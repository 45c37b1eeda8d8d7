package org.seg4j.serve;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.seg4j.data.ClassInfo;
import org.seg4j.data.ClassMeta;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.decoder.panoptic.PanopticDeepLab;
import org.seg4j.model.instance.maskrcnn.MaskRcnn;
import org.seg4j.model.instance.maskrcnn.MaskRcnnConfig;
import org.seg4j.model.instance.maskrcnn.MaskRcnnDirectory;

/** Tiny, randomly initialised instance and panoptic model directories for the serving tests. */
final class InstanceModels {

    /** Mask R-CNN classes: background and two thing classes. */
    static final ClassMeta DETECTOR_CLASSES = new ClassMeta(List.of(new ClassInfo(0, "background", 0, 0, 0),
            new ClassInfo(1, "box", 200, 40, 40, true), new ClassInfo(2, "disc", 40, 200, 40, true)), 255);

    /** Panoptic classes: {@code road} (stuff) and {@code car} (thing). */
    static final ClassMeta PANOPTIC_CLASSES = ClassMeta.of(new String[] {"road", "car"},
            new int[][] {{128, 64, 128}, {0, 0, 142}}, 255).withThings(List.of("car"));

    private InstanceModels() {}

    /**
     * A Mask R-CNN that keeps every detection (score threshold 0, at most 9), so that even random
     * weights give instances.
     */
    static Path maskRcnn(Path dir) {
        Engine.getInstance().setRandomSeed(19);
        MaskRcnnConfig config = MaskRcnnConfig.builder().setNumClasses(2).optWidth(8).optFpnChannels(16)
                .optRepresentation(32).optMaskChannels(16).optAnchorSizes(8, 16, 32, 64, 128).optRpnNms(0.6f)
                .optDetections(0f, 0.4f, 9).build();
        try (NDManager base = NDManager.newBaseManager()) {
            MaskRcnn model = new MaskRcnn(config);
            model.initialize(base, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            MaskRcnnDirectory.save(dir, model, DETECTOR_CLASSES, new int[] {1, 2});
        }
        return dir;
    }

    /** A Panoptic-DeepLab on ResNet-18 at width 8, task {@code panoptic}. */
    static Path panopticDeepLab(Path dir) {
        Engine.getInstance().setRandomSeed(20261206);
        ModelSpec spec = new ModelSpec(PanopticDeepLab.NAME, "resnet18", 2, 8,
                Map.of("decoder_width", "16", "instance_width", "8", "head_width", "8"));
        ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT_VERSION, spec, PANOPTIC_CLASSES,
                new ModelManifest.Preprocessing(32, 32, new float[] {0.5f, 0.5f, 0.5f},
                        new float[] {0.25f, 0.25f, 0.25f}, 1.0),
                new ModelManifest.Provenance("test", "", "", "", 1, "", "", Map.of()), Map.of())
                .withTask(ModelManifest.TASK_PANOPTIC);
        try (NDManager base = NDManager.newBaseManager()) {
            Block net = ModelRegistry.create(spec);
            ModelDirectory.initialize(net, base, 32, 32);
            ModelDirectory.save(dir, manifest, net);
        }
        return dir;
    }
}
