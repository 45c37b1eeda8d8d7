package org.seg4j.model.instance.maskrcnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seg4j.model.layer.TorchvisionFixtures.floats;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.seg4j.model.layer.TorchvisionFixtures;

class AnchorGeneratorTest {

    @Test
    void handComputedBaseAnchors() {
        AnchorGenerator g = new AnchorGenerator(new int[] {8}, new float[] {1f, 2f});
        float[] a = g.anchors(new int[][] {{1, 2}}, new int[] {4});
        // ratio 1: +-4; ratio 2: h = 8 sqrt2 = 11.31, w = 5.66 -> round(+-2.83) = +-3, round(+-5.66) = +-6
        assertThat(a).containsExactly(-4, -4, 4, 4, -3, -6, 3, 6, 0, -4, 8, 4, 1, -6, 7, 6);
    }

    @Test
    void agreesWithTorchvision() throws Exception {
        JsonNode fx = TorchvisionFixtures.json("anchors.json");
        AnchorGenerator g = new AnchorGenerator(new int[] {8, 16}, new float[] {0.5f, 1f, 2f});
        float[] a = g.anchors(new int[][] {{4, 6}, {2, 3}}, new int[] {4, 8});
        assertThat(a).containsExactly(floats(fx.get("anchors")));
    }
}
