package org.seg4j.model.decoder.panoptic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.ModelStats;

/** Outputs, save/load and registry entry of {@code panoptic-deeplab}. */
class PanopticDeepLabNetTest {

    private static final Map<String, String> SMALL = Map.of("decoder_width", "16", "instance_width", "8",
            "head_width", "8");

    private NDManager base;

    @BeforeEach
    void open() {
        Engine.getInstance().setRandomSeed(20261206);
        base = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        base.close();
    }

    private static ModelSpec spec(String encoder, int classes) {
        return new ModelSpec(PanopticDeepLab.NAME, encoder, classes, 8, SMALL);
    }

    @Test
    void threeOutputsAtTheInputResolutionForOddSizes() {
        for (String encoder : new String[] {"resnet18", "mobilenetv2"}) {
            Block net = ModelRegistry.create(spec(encoder, 5));
            assertThat(net).isInstanceOf(PanopticDeepLabNet.class);
            ModelDirectory.initialize(net, base, 37, 53);
            try (NDManager sub = base.newSubManager()) {
                NDArray x = sub.randomUniform(0, 1, new Shape(2, 3, 37, 53));
                NDList out = net.forward(new ParameterStore(sub, false), new NDList(x), false);
                assertThat(out).hasSize(3);
                assertThat(out.get(0).getShape()).isEqualTo(new Shape(2, 5, 37, 53));
                assertThat(out.get(1).getShape()).isEqualTo(new Shape(2, 1, 37, 53));
                assertThat(out.get(2).getShape()).isEqualTo(new Shape(2, 2, 37, 53));
                for (NDArray a : out) {
                    assertThat(a.isNaN().any().getBoolean()).isFalse();
                }
            }
            assertThat(net.getOutputShapes(new Shape[] {new Shape(2, 3, 37, 53)})).containsExactly(
                    new Shape(2, 5, 37, 53), new Shape(2, 1, 37, 53), new Shape(2, 2, 37, 53));
        }
    }

    @Test
    void savedModelReloadsWithIdenticalOutputsAndItsTask(@TempDir Path dir) {
        ModelSpec spec = spec("resnet18", 4);
        Block net = ModelRegistry.create(spec);
        ModelDirectory.initialize(net, base, 32, 32);
        ClassMeta classes = ClassMeta.of(new String[] {"a", "b", "c", "d"},
                new int[][] {{0, 0, 0}, {1, 1, 1}, {2, 2, 2}, {3, 3, 3}}, 255).withThings(java.util.List.of("d"));
        ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT_VERSION, spec, classes,
                new ModelManifest.Preprocessing(32, 32, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f},
                        1.0),
                new ModelManifest.Provenance("test", "", "", "", 1, "", "", Map.of()), Map.of())
                .withTask(ModelManifest.TASK_PANOPTIC);
        try (NDManager sub = base.newSubManager()) {
            NDArray x = sub.randomUniform(0, 1, new Shape(1, 3, 40, 56));
            ParameterStore ps = new ParameterStore(sub, false);
            net.forward(ps, new NDList(x), true); // moves the batch-norm statistics off their defaults
            NDList expected = net.forward(ps, new NDList(x), false);
            ModelDirectory.save(dir, manifest, net);
            try (ModelDirectory.LoadedModel loaded = ModelDirectory.load(dir)) {
                assertThat(loaded.manifest().isPanoptic()).isTrue();
                assertThat(loaded.manifest().classes().isThing(3)).isTrue();
                NDList actual = loaded.block().forward(new ParameterStore(loaded.manager(), false), new NDList(x), false);
                for (int i = 0; i < 3; i++) {
                    assertThat(actual.get(i).toFloatArray()).containsExactly(expected.get(i).toFloatArray());
                }
            }
        }
    }

    @Test
    void registeredWithItsOptionsAndCosts() {
        ModelRegistry.Entry e = ModelRegistry.entry("panoptic-deeplab");
        assertThat(e.options()).extracting(o -> o.name())
                .contains("output_stride", "decoder_width", "instance_width", "head_width", "pad");
        ModelStats.Summary full = ModelStats.summary(ModelSpec.of(PanopticDeepLab.NAME, 19), 64, 64);
        ModelStats.Summary semanticOnly = ModelStats.summary(ModelSpec.of("deeplabv3plus", 19), 64, 64);
        // the instance branch adds parameters and work on top of DeepLabV3+
        assertThat(full.parameters()).isGreaterThan(semanticOnly.parameters());
        assertThat(full.gflops()).isGreaterThan(semanticOnly.gflops());
        assertThatThrownBy(() -> new ModelSpec(PanopticDeepLab.NAME, "vit-tiny", 3, 0, Map.of()))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("resnet18");
    }
}
