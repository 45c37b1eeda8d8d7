package org.seg4j.model.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.seg4j.model.layer.TorchvisionFixtures.floats;
import static org.seg4j.model.layer.TorchvisionFixtures.ints;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class NmsTest {

    @Test
    void handComputedSuppression() {
        try (NDManager m = NDManager.newBaseManager()) {
            // A = (0,0,10,10); B = (0,0,10,8): IoU 0.8 with A; C = (5,0,15,10): IoU 50/150 = 1/3 with A;
            // D far away.
            NDArray boxes = m.create(new float[] {0, 0, 10, 10, 0, 0, 10, 8, 5, 0, 15, 10, 30, 30, 31, 31},
                    new Shape(4, 4));
            NDArray scores = m.create(new float[] {0.9f, 0.95f, 0.5f, 0.1f});
            // B first (highest), suppresses A; C kept (IoU with B = 40/140); D kept
            assertThat(Nms.apply(boxes, scores, 0.5f)).containsExactly(1, 2, 3);
            // at threshold 0.25 C goes too (IoU 0.286 with B)
            assertThat(Nms.apply(boxes, scores, 0.25f)).containsExactly(1, 3);
            // per class: A alone in class 1 survives
            NDArray classes = m.create(new int[] {1, 0, 0, 0});
            assertThat(Nms.batched(boxes, scores, classes, 0.5f)).containsExactly(1, 0, 2, 3);
            float[] iou = Boxes.iou(boxes.get("0:1"), boxes).toFloatArray();
            assertThat(iou).usingComparatorWithPrecision(1e-6f).containsExactly(1f, 0.8f, 1f / 3, 0f);
        }
    }

    @Test
    void agreesWithTorchvision() throws Exception {
        JsonNode fx = TorchvisionFixtures.json("nms.json");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray boxes = m.create(floats(fx.get("boxes")), new Shape(60, 4));
            NDArray scores = m.create(floats(fx.get("scores")));
            NDArray classes = m.create(ints(fx.get("classes")));
            assertThat(Nms.apply(boxes, scores, 0.5f)).containsExactly(ints(fx.get("keep")));
            assertThat(Nms.batched(boxes, scores, classes, 0.5f)).containsExactly(ints(fx.get("batchedKeep")));
            float[] iou = Boxes.iou(boxes.get("0:5"), boxes.get("0:7")).toFloatArray();
            float[] expected = floats(fx.get("iou"));
            for (int i = 0; i < expected.length; i++) {
                assertThat(iou[i]).isCloseTo(expected[i], within(1e-6f));
            }
        }
    }
}
