package org.seg4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.training.initializer.NormalInitializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.seg4j.data.Batch;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModel;
import org.seg4j.model.TemporalOptions;
import org.seg4j.train.optim.Optimizer;

/** A training step on a clip whose batch carries flows: the memory is warped along them. */
class TrainingStepFlowTest {

    private static final int SIZE = 32;

    @Test
    void theBatchFlowsReachTheMemoryInTraining() throws Exception {
        Engine.getInstance().setRandomSeed(7);
        ModelSpec spec = TemporalOptions.withMemory(new ModelSpec("fastscnn", "", 3, 8, Map.of("blocks", "1")), 4);
        Block block = ModelRegistry.create(spec);
        byte[] weights;
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelDirectory.initialize(block, manager, SIZE, SIZE);
            // a memory that already does something (a fresh one is the identity, blind to its state)
            ((SegmentationModel) block).temporal().getParameters().forEach(p -> {
                NDArray a = p.getValue().getArray();
                a.set(new NDIndex("..."), new NormalInitializer(1f).initialize(manager, a.getShape(), a.getDataType()));
            });
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            block.saveParameters(new DataOutputStream(bytes));
            weights = bytes.toByteArray();
        }
        Random r = new Random(3);
        float[] images = new float[2 * 3 * SIZE * SIZE];
        byte[] labels = new byte[2 * SIZE * SIZE];
        float[] flows = new float[2 * 2 * SIZE * SIZE];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) r.nextGaussian();
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) r.nextInt(3);
        }
        // frame 1 reads its predecessor 40 pixels to the right: more than one memory cell at stride 32
        java.util.Arrays.fill(flows, 2 * SIZE * SIZE, 3 * SIZE * SIZE, 40f);
        List<String> ids = List.of("c_1", "c_2");
        float still = loss(spec, weights, new Batch(images, labels, 2, SIZE, SIZE, ids, null, null));
        float warped = loss(spec, weights, new Batch(images, labels, 2, SIZE, SIZE, ids, null, flows));
        float zero = loss(spec, weights, new Batch(images, labels, 2, SIZE, SIZE, ids, null,
                new float[flows.length]));
        assertThat(warped).isFinite();
        assertThat(zero).as("a zero flow changes nothing").isCloseTo(still, org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(Math.abs(warped - still)).as("the warped state changes the loss").isGreaterThan(1e-4f);
    }

    @Test
    void theConsistencyLossUsesTheFlowsWithoutWarpingAnUnwarpedMemory() throws Exception {
        Engine.getInstance().setRandomSeed(7);
        ModelSpec spec = TemporalOptions.withMemory(new ModelSpec("fastscnn", "", 3, 8, Map.of("blocks", "1")), 4);
        Block block = ModelRegistry.create(spec);
        byte[] weights;
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelDirectory.initialize(block, manager, SIZE, SIZE);
            ((SegmentationModel) block).temporal().getParameters().forEach(p -> {
                NDArray a = p.getValue().getArray();
                a.set(new NDIndex("..."), new NormalInitializer(1f).initialize(manager, a.getShape(), a.getDataType()));
            });
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            block.saveParameters(new DataOutputStream(bytes));
            weights = bytes.toByteArray();
        }
        Random r = new Random(5);
        float[] images = new float[2 * 3 * SIZE * SIZE];
        byte[] labels = new byte[2 * SIZE * SIZE];
        float[] flows = new float[2 * 2 * SIZE * SIZE];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) r.nextGaussian();
        }
        java.util.Arrays.fill(flows, 2 * SIZE * SIZE, 3 * SIZE * SIZE, 40f);
        List<String> ids = List.of("c_1", "c_2");
        Batch withFlows = new Batch(images, labels, 2, SIZE, SIZE, ids, null, flows);
        float still = loss(spec, weights, new Batch(images, labels, 2, SIZE, SIZE, ids, null, null));
        float unwarped = loss(spec, weights, withFlows, null, false);
        float consistent = loss(spec, weights, withFlows, new TemporalConsistencyLoss(1), false);
        assertThat(unwarped).as("the flows do not reach an unwarped memory").isEqualTo(still);
        // frame 1 reads 40 pixels right: outside the 32-pixel frame, so nothing is compared
        assertThat(consistent).as("no pixel has a source inside the previous frame").isCloseTo(still,
                org.assertj.core.data.Offset.offset(1e-6f));
        java.util.Arrays.fill(flows, 2 * SIZE * SIZE, 3 * SIZE * SIZE, 3f);
        float shifted = loss(spec, weights, withFlows, new TemporalConsistencyLoss(1), false);
        assertThat(shifted - still).as("two different random frames disagree").isGreaterThan(1e-4f);
        float doubled = loss(spec, weights, withFlows, new TemporalConsistencyLoss(2), false);
        assertThat(doubled - still).isCloseTo(2 * (shifted - still), org.assertj.core.data.Offset.offset(1e-5f));
    }

    /** The first step's loss (taken before the update) from {@code weights}. */
    private static float loss(ModelSpec spec, byte[] weights, Batch batch) throws Exception {
        return loss(spec, weights, batch, null, true);
    }

    private static float loss(ModelSpec spec, byte[] weights, Batch batch, TemporalConsistencyLoss consistency,
            boolean warpMemory) throws Exception {
        Block block = ModelRegistry.create(spec);
        try (NDManager manager = NDManager.newBaseManager();
                Optimizer optimizer = Optimizer.create("adam", manager, 0.9f, 0f, false)) {
            ModelDirectory.initialize(block, manager, SIZE, SIZE);
            block.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(weights)));
            TrainingStep step = new TrainingStep(block, new SegmentationLoss(3, null, SegmentationLoss.Kind.CE), null,
                    optimizer, manager, 3, 1, 2).withTemporal(consistency, warpMemory);
            return step.run(batch, 1e-3f, 0);
        }
    }
}
