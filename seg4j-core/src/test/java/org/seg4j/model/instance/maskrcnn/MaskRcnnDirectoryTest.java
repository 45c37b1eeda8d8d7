package org.seg4j.model.instance.maskrcnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.ClassInfo;
import org.seg4j.data.ClassMeta;

class MaskRcnnDirectoryTest {

    static final ClassMeta CLASSES = new ClassMeta(List.of(new ClassInfo(0, "background", 0, 0, 0),
            new ClassInfo(1, "box", 200, 40, 40, true), new ClassInfo(2, "disc", 40, 200, 40, true)), 255);

    @Test
    void roundTripKeepsSettingsClassesAndDetections(@TempDir Path dir) {
        Engine.getInstance().setRandomSeed(19);
        MaskRcnnConfig config = MaskRcnnConfig.builder().setNumClasses(2).optWidth(8).optFpnChannels(16)
                .optRepresentation(32).optMaskChannels(16).optAnchorSizes(8, 16, 32, 64, 128).optRpnNms(0.6f)
                .optDetections(0f, 0.4f, 9).build();
        try (NDManager base = NDManager.newBaseManager()) {
            MaskRcnn model = new MaskRcnn(config);
            model.initialize(base, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            NDArray x = base.randomNormal(new Shape(1, 3, 64, 64));
            RawDetections expected = model.detect(new ParameterStore(base, false), x, new int[][] {{64, 64}}).get(0);
            MaskRcnnDirectory.save(dir, model, CLASSES, new int[] {1, 2});
            try (MaskRcnnDirectory.Loaded loaded = MaskRcnnDirectory.load(dir)) {
                assertThat(loaded.classIds()).containsExactly(1, 2);
                assertThat(loaded.classes()).isEqualTo(CLASSES);
                assertThat(loaded.model().config().toString()).isEqualTo(config.toString());
                assertThat(loaded.model().config().detectionsPerImage()).isEqualTo(9);
                NDArray y = x.duplicate();
                y.attach(loaded.manager());
                RawDetections actual = loaded.model().detect(new ParameterStore(loaded.manager(), false), y,
                        new int[][] {{64, 64}}).get(0);
                assertThat(actual.scores()).containsExactly(expected.scores());
                assertThat(actual.boxes()).containsExactly(expected.boxes());
            }
        }
    }

    @Test
    void badDirectoriesNameTheFile(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> MaskRcnnDirectory.load(dir)).hasMessageContaining("mask-rcnn.json is missing");
        Files.writeString(dir.resolve("mask-rcnn.json"), "{\"architecture\": \"unet\"}");
        assertThatThrownBy(() -> MaskRcnnDirectory.load(dir)).hasMessageContaining("mask-rcnn.json")
                .hasMessageContaining("'unet'");
        try (NDManager base = NDManager.newBaseManager()) {
            MaskRcnn model = new MaskRcnn(MaskRcnnConfig.builder().setNumClasses(2).build());
            assertThatThrownBy(() -> MaskRcnnDirectory.save(dir, model, CLASSES, new int[] {1}))
                    .hasMessageContaining("one class id per detector label (2)");
            assertThatThrownBy(() -> MaskRcnnDirectory.save(dir, model, CLASSES, new int[] {1, 5}))
                    .hasMessageContaining("class id 5");
        }
    }
}
