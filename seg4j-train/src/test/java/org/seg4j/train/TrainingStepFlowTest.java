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

    private static final ModelSpec SPEC =
            TemporalOptions.withMemory(new ModelSpec("fastscnn", "", 3, 8, Map.of("blocks", "1")), 4);
    private static final List<String> IDS = List.of("c_1", "c_2");

    @Test
    void theBatchFlowsReachTheMemoryInTraining() throws Exception {
        byte[] weights = weightsWithAnActiveMemory();
        float[] images = noise(3);
        byte[] labels = new byte[2 * SIZE * SIZE];
        Random r = new Random(4);
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) r.nextInt(3);
        }
        // frame 1 reads its predecessor 40 pixels to the right: more than one memory cell at stride 32
        float[] flows = secondFrameShiftedBy(40f);
        float still = loss(weights, new Batch(images, labels, 2, SIZE, SIZE, IDS, null, null));
        float warped = loss(weights, new Batch(images, labels, 2, SIZE, SIZE, IDS, null, flows));
        float zero = loss(weights, new Batch(images, labels, 2, SIZE, SIZE, IDS, null, new float[flows.length]));
        assertThat(warped).isFinite();
        assertThat(zero).as("a zero flow changes nothing").isCloseTo(still, org.assertj.core.data.Offset.offset(1e-5f));
        assertThat(Math.abs(warped - still)).as("the warped state changes the loss").isGreaterThan(1e-4f);
    }

    @Test
    void theConsistencyLossUsesTheFlowsWithoutWarpingAnUnwarpedMemory() throws Exception {
        byte[] weights = weightsWithAnActiveMemory();
        float[] images = noise(5);
        byte[] labels = new byte[2 * SIZE * SIZE];
        float still = loss(weights, new Batch(images, labels, 2, SIZE, SIZE, IDS, null, null));
        Batch outside = new Batch(images, labels, 2, SIZE, SIZE, IDS, null, secondFrameShiftedBy(40f));
        assertThat(loss(weights, outside, null, false)).as("the flows do not reach an unwarped memory")
                .isEqualTo(still);
        // frame 1 reads 40 pixels right: outside the 32-pixel frame, so nothing is compared
        assertThat(loss(weights, outside, new TemporalConsistencyLoss(1), false))
                .as("no pixel has a source inside the previous frame")
                .isCloseTo(still, org.assertj.core.data.Offset.offset(1e-6f));
        Batch shifted = new Batch(images, labels, 2, SIZE, SIZE, IDS, null, secondFrameShiftedBy(3f));
        float once = loss(weights, shifted, new TemporalConsistencyLoss(1), false) - still;
        assertThat(once).as("two different random frames disagree").isGreaterThan(1e-4f);
        float twice = loss(weights, shifted, new TemporalConsistencyLoss(2), false) - still;
        assertThat(twice).isCloseTo(2 * once, org.assertj.core.data.Offset.offset(1e-5f));
    }

    /** Weights of {@link #SPEC} whose memory already does something (a fresh one is the identity). */
    private static byte[] weightsWithAnActiveMemory() throws Exception {
        Engine.getInstance().setRandomSeed(7);
        Block block = ModelRegistry.create(SPEC);
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelDirectory.initialize(block, manager, SIZE, SIZE);
            ((SegmentationModel) block).temporal().getParameters().forEach(p -> {
                NDArray a = p.getValue().getArray();
                a.set(new NDIndex("..."), new NormalInitializer(1f).initialize(manager, a.getShape(), a.getDataType()));
            });
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            block.saveParameters(new DataOutputStream(bytes));
            return bytes.toByteArray();
        }
    }

    /** Two frames of Gaussian noise. */
    private static float[] noise(long seed) {
        Random r = new Random(seed);
        float[] images = new float[2 * 3 * SIZE * SIZE];
        for (int i = 0; i < images.length; i++) {
            images[i] = (float) r.nextGaussian();
        }
        return images;
    }

    /** Flows of a clip of two frames: none for the first, {@code dx} to the right for the second. */
    private static float[] secondFrameShiftedBy(float dx) {
        float[] flows = new float[2 * 2 * SIZE * SIZE];
        java.util.Arrays.fill(flows, 2 * SIZE * SIZE, 3 * SIZE * SIZE, dx);
        return flows;
    }

    /** The first step's loss (taken before the update) from {@code weights}. */
    private static float loss(byte[] weights, Batch batch) throws Exception {
        return loss(weights, batch, null, true);
    }

    private static float loss(byte[] weights, Batch batch, TemporalConsistencyLoss consistency, boolean warpMemory)
            throws Exception {
        Block block = ModelRegistry.create(SPEC);
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
