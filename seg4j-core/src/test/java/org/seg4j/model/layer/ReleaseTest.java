package org.seg4j.model.layer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;

/** Inference frees intermediate maps as it goes; the result and the caller's input survive. */
class ReleaseTest {

    private static int liveArraysAfterForward(ModelSpec spec, boolean training, boolean fold) {
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = ModelRegistry.create(spec);
            ModelDirectory.initialize(block, m, 32, 32);
            if (fold) {
                BatchNormFolding.fold(block);
            }
            try (NDManager sub = m.newSubManager()) {
                NDArray x = sub.randomUniform(-1, 1, new Shape(1, 3, 32, 32));
                NDArray out = block.forward(new ParameterStore(sub, false), new NDList(x), training).head();
                assertThat(out.getShape()).isEqualTo(new Shape(1, 4, 32, 32));
                assertThat(x.toFloatArray()).hasSize(3 * 32 * 32);
                assertThat(out.toFloatArray()).hasSize(4 * 32 * 32);
                return sub.getManagedArrays().size();
            }
        }
    }

    @Test
    void inferenceKeepsOnlyTheInputAndTheResult() {
        for (ModelSpec spec : new ModelSpec[] {
            new ModelSpec("unet", "unet", 4, 4, Map.of("depth", "2")),
            new ModelSpec("deeplabv3plus", "resnet18", 4, 8, Map.of())
        }) {
            int training = liveArraysAfterForward(spec, true, false);
            assertThat(liveArraysAfterForward(spec, false, false)).as("%s unfolded", spec.architecture())
                    .isLessThanOrEqualTo(4).isLessThan(training / 5);
            assertThat(liveArraysAfterForward(spec, false, true)).as("%s folded", spec.architecture())
                    .isLessThanOrEqualTo(4);
        }
    }
}
