package org.seg4j.model.layer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;

class BatchNormFoldingTest {

    /** Gives every batch norm non-trivial statistics and affine parameters, so folding has work to do. */
    private static void randomiseBatchNorms(Block block, Random rnd) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            String name = p.getKey();
            NDArray a = p.getValue().getArray();
            float[] v = new float[(int) a.size()];
            float lo;
            float hi;
            if (name.endsWith("runningVar")) {
                lo = 0.3f;
                hi = 2f;
            } else if (name.endsWith("gamma")) {
                lo = 0.5f;
                hi = 1.5f;
            } else if (name.endsWith("runningMean") || name.endsWith("beta")) {
                lo = -0.5f;
                hi = 0.5f;
            } else {
                continue;
            }
            for (int i = 0; i < v.length; i++) {
                v[i] = lo + (hi - lo) * rnd.nextFloat();
            }
            a.set(v);
        }
    }

    private static int countBatchNorms(Block block) {
        int n = block instanceof BatchNorm ? 1 : 0;
        for (Pair<String, Block> c : block.getChildren()) {
            n += countBatchNorms(c.getValue());
        }
        return n;
    }

    private static float[] infer(Block block, NDManager m, NDArray x) {
        try (NDManager sub = m.newSubManager()) {
            NDArray in = x.duplicate();
            in.attach(sub);
            return block.forward(new ParameterStore(sub, false), new NDList(in), false).head().toFloatArray();
        }
    }

    private static void assertFoldingKeepsOutputs(ModelSpec spec) {
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = ModelRegistry.create(spec);
            ModelDirectory.initialize(block, m, 64, 64);
            randomiseBatchNorms(block, new Random(3));
            NDArray x = m.randomUniform(-1, 1, new Shape(2, 3, 64, 48));
            float[] plain = infer(block, m, x);

            int folded = BatchNormFolding.fold(block);
            assertThat(folded).as("every batch norm of %s is folded", spec.architecture())
                    .isEqualTo(countBatchNorms(block));
            assertThat(BatchNormFolding.isFolded(block)).isTrue();
            float[] fast = infer(block, m, x);

            assertThat(fast).hasSameSizeAs(plain);
            double maxAbs = 0;
            double maxDiff = 0;
            for (int i = 0; i < plain.length; i++) {
                maxAbs = Math.max(maxAbs, Math.abs(plain[i]));
                maxDiff = Math.max(maxDiff, Math.abs(plain[i] - fast[i]));
            }
            assertThat(maxAbs).as("logits are not trivially zero").isGreaterThan(1e-3);
            assertThat(maxDiff).as("folded vs plain logits of %s", spec.architecture()).isLessThan(1e-4 * Math.max(1, maxAbs));

            BatchNormFolding.unfold(block);
            assertThat(BatchNormFolding.isFolded(block)).isFalse();
            assertThat(infer(block, m, x)).containsExactly(plain);
        }
    }

    @Test
    void foldedUNetGivesTheSameLogits() {
        assertFoldingKeepsOutputs(new ModelSpec("unet", "unet", 5, 4, Map.of("depth", "2")));
    }

    @Test
    void foldedDeepLabV3PlusResNet18GivesTheSameLogits() {
        assertFoldingKeepsOutputs(new ModelSpec("deeplabv3plus", "resnet18", 5, 8, Map.of()));
    }

    @Test
    void trainingForwardIgnoresTheFoldedWeights() {
        try (NDManager m = NDManager.newBaseManager()) {
            ConvBn unit = ConvBn.builder().setFilters(3).setKernel(3).build();
            NDArray x = m.randomUniform(-1, 1, new Shape(2, 2, 5, 5));
            unit.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, x.getShape());
            randomiseBatchNorms(unit, new Random(5));
            ParameterStore ps = new ParameterStore(m, false);
            float[] before = unit.forward(ps, new NDList(x), true).head().toFloatArray();
            // the training pass above moved the running statistics; fold those
            unit.foldBatchNorm();
            // in training mode batch norm normalises with the batch's own statistics: folded weights
            // (running statistics) would give a different result
            float[] after = unit.forward(ps, new NDList(x), true).head().toFloatArray();
            assertThat(after).containsExactly(before);
            unit.unfoldBatchNorm();
        }
    }
}
