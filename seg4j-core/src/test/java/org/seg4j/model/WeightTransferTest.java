package org.seg4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;

class WeightTransferTest {

    private static final int H = 32;
    private static final int W = 32;

    @TempDir
    Path tmp;

    @Test
    void sameClassesCopiesEveryArrayIncludingBatchNormStatistics() {
        ModelSpec spec = new ModelSpec("unet", "", 3, 8, Map.of());
        Path dir = savedModel(spec, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            Block target = built(spec, m, 2);
            Map<String, float[]> source = values(ModelDirectory.load(dir));

            WeightTransfer.Report report = WeightTransfer.fromModel(dir, target, spec);

            assertThat(report.fresh()).isEmpty();
            assertThat(report.copied()).isEqualTo(report.total()).isEqualTo(source.size());
            assertThat(values(target)).containsExactlyEntriesOf(source);
            assertThat(source.keySet()).anyMatch(k -> k.endsWith("runningMean"));
        }
    }

    @Test
    void otherClassCountKeepsTheFreshClassifierAndCopiesTheRest() {
        ModelSpec three = new ModelSpec("unet", "", 3, 8, Map.of());
        ModelSpec five = new ModelSpec("unet", "", 5, 8, Map.of());
        Path dir = savedModel(three, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            Block target = built(five, m, 2);
            Map<String, float[]> before = values(target);
            Map<String, float[]> source = values(ModelDirectory.load(dir));

            WeightTransfer.Report report = WeightTransfer.fromModel(dir, target, five);

            Map<String, float[]> after = values(target);
            int differentShape = 0;
            for (String name : after.keySet()) {
                if (source.get(name).length == after.get(name).length) {
                    assertThat(after.get(name)).as(name).containsExactly(source.get(name));
                } else {
                    differentShape++;
                    assertThat(after.get(name)).as(name).containsExactly(before.get(name));
                }
            }
            // the final 1x1 convolution's weight and bias: 3 -> 5 output channels
            assertThat(differentShape).isEqualTo(2);
            assertThat(report.fresh()).hasSize(2).allMatch(s -> s.contains("(source (3"));
            assertThat(report.copied()).isEqualTo(report.total() - 2);
            assertThat(report.describe()).startsWith(report.copied() + " of " + report.total())
                    .contains("started fresh");
        }
    }

    @Test
    void anotherNetworkIsRefusedNamingBoth() {
        ModelSpec spec = new ModelSpec("unet", "", 3, 8, Map.of());
        Path dir = savedModel(spec, 1);
        ModelSpec wider = new ModelSpec("unet", "", 3, 16, Map.of());
        try (NDManager m = NDManager.newBaseManager()) {
            Block target = built(wider, m, 2);
            assertThatThrownBy(() -> WeightTransfer.fromModel(dir, target, wider))
                    .isInstanceOf(Seg4jException.class)
                    .hasMessageContaining(dir.toString())
                    .hasMessageContaining("width 8")
                    .hasMessageContaining("width 16");
        }
    }

    @Test
    void nothingInCommonIsAnError() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block unet = built(new ModelSpec("unet", "", 3, 8, Map.of()), m, 1);
            SequentialBlock other = new SequentialBlock();
            other.add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(7).build());
            other.initialize(m, DataType.FLOAT32, new Shape(1, 3, H, W));
            assertThatThrownBy(() -> WeightTransfer.copy(unet, other, "the unet"))
                    .isInstanceOf(Seg4jException.class)
                    .hasMessageContaining("the unet: none of its");
        }
    }

    @Test
    void notAModelFolderIsNamed() {
        ModelSpec spec = new ModelSpec("unet", "", 3, 8, Map.of());
        try (NDManager m = NDManager.newBaseManager()) {
            Block target = built(spec, m, 2);
            assertThatThrownBy(() -> WeightTransfer.fromModel(tmp, target, spec))
                    .isInstanceOf(Seg4jException.class)
                    .hasMessageContaining(tmp.toString())
                    .hasMessageContaining("model.json");
        }
    }

    private Path savedModel(ModelSpec spec, long seed) {
        Path dir = tmp.resolve("model-" + spec.numClasses());
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = built(spec, m, seed);
            ModelDirectory.save(dir, SegmentationModelContract.manifest(spec, H, W), block);
        }
        return dir;
    }

    /** A block with its own random values, running statistics included (not the BN defaults). */
    private static Block built(ModelSpec spec, NDManager m, long seed) {
        Block block = ModelRegistry.create(spec);
        ModelDirectory.initialize(block, m, H, W);
        Random rng = new Random(seed);
        for (Pair<String, Parameter> p : block.getParameters()) {
            var array = p.getValue().getArray();
            float[] v = new float[(int) array.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) rng.nextGaussian();
            }
            array.set(v);
        }
        return block;
    }

    private static Map<String, float[]> values(ModelDirectory.LoadedModel model) {
        try (model) {
            return values(model.block());
        }
    }

    private static Map<String, float[]> values(Block block) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            out.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return out;
    }
}
