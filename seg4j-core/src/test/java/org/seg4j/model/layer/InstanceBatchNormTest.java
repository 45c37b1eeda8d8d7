package org.seg4j.model.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;

class InstanceBatchNormTest {

    private static NDArray run(InstanceBatchNorm norm, NDManager m, NDArray x, boolean training) {
        return norm.forward(new ParameterStore(m, false), new NDList(x), training).head();
    }

    @Test
    void firstChannelsAreNormalisedPerImageTheOthersByTheBatchNorm() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Channel 0 of the one image is (1, 3): mean 2, variance 1, so (-1, 1). Channel 1 goes through
            // a fresh batch norm in inference (running mean 0, variance 1): unchanged.
            NDArray x = m.create(new float[] {1f, 3f, 5f, 7f}, new Shape(1, 2, 1, 2));
            InstanceBatchNorm norm = new InstanceBatchNorm(2, 1, 1e-5f, 0.9f);
            norm.initialize(m, DataType.FLOAT32, x.getShape());
            NDArray y = run(norm, m, x, false);
            assertThat(y.getShape()).isEqualTo(new Shape(1, 2, 1, 2));
            float[] v = y.toFloatArray();
            assertThat(v[0]).isCloseTo(-1f, offset(1e-4f));
            assertThat(v[1]).isCloseTo(1f, offset(1e-4f));
            assertThat(v[2]).isCloseTo(5f, offset(1e-4f));
            assertThat(v[3]).isCloseTo(7f, offset(1e-4f));
        }
    }

    @Test
    void instanceHalfIgnoresEachImagesContrastAndBrightnessInTrainingAndInference() {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(7);
            NDArray a = m.randomUniform(-1, 1, new Shape(1, 4, 5, 6));
            // The second image is the first with each channel scaled and shifted differently.
            NDArray scale = m.create(new float[] {3f, 0.5f, 2f, 4f}, new Shape(1, 4, 1, 1));
            NDArray shift = m.create(new float[] {2f, -1f, 0.3f, 7f}, new Shape(1, 4, 1, 1));
            NDArray x = a.concat(a.mul(scale).add(shift), 0);
            InstanceBatchNorm norm = new InstanceBatchNorm(4, 2, 1e-5f, 0.9f);
            norm.initialize(m, DataType.FLOAT32, x.getShape());
            for (boolean training : new boolean[] {true, false}) {
                NDArray y = run(norm, m, x, training);
                NDArray instance = y.get(":, :2");
                assertThat(instance.get("0").sub(instance.get("1")).abs().max().getFloat())
                        .as("training %s", training).isLessThan(1e-3f);
                // the batch-normalised channels do see the difference
                NDArray batch = y.get(":, 2:");
                assertThat(batch.get("0").sub(batch.get("1")).abs().max().getFloat()).isGreaterThan(0.1f);
            }
        }
    }

    @Test
    void affineParametersAreNormScalesThatLearnAndSurviveSaveAndLoad() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(-1, 1, new Shape(2, 6, 4, 4));
            InstanceBatchNorm norm = new InstanceBatchNorm(6, 3, 1e-5f, 0.9f);
            norm.initialize(m, DataType.FLOAT32, x.getShape());
            assertThat(norm.gamma().getType()).isEqualTo(Parameter.Type.GAMMA);
            assertThat(norm.beta().getType()).isEqualTo(Parameter.Type.BETA);
            assertThat(norm.gamma().getArray().getShape()).isEqualTo(new Shape(3, 1, 1));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = run(norm, m, x, true);
                gc.backward(y.mul(y.get(":, :, :1, :")).sum());
            }
            assertThat(norm.gamma().getArray().getGradient().abs().sum().getFloat()).isGreaterThan(0f);
            norm.gamma().getArray().set(new float[] {2f, 3f, 4f});
            NDArray before = run(norm, m, x, false);

            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            norm.saveParameters(new DataOutputStream(bytes));
            InstanceBatchNorm copy = new InstanceBatchNorm(6, 3, 1e-5f, 0.9f);
            copy.initialize(m, DataType.FLOAT32, x.getShape());
            copy.loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            assertThat(run(copy, m, x, false).sub(before).abs().max().getFloat()).isLessThan(1e-6f);
        }
    }

    @Test
    void badSplitsAndInputsAreUserErrors() {
        assertThatThrownBy(() -> new InstanceBatchNorm(4, 0, 1e-5f, 0.9f))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("0 of 4");
        assertThatThrownBy(() -> new InstanceBatchNorm(4, 4, 1e-5f, 0.9f))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("4 of 4");
        try (NDManager m = NDManager.newBaseManager()) {
            InstanceBatchNorm norm = new InstanceBatchNorm(4, 2, 1e-5f, 0.9f);
            norm.initialize(m, DataType.FLOAT32, new Shape(1, 4, 3, 3));
            assertThatThrownBy(() -> run(norm, m, m.zeros(new Shape(1, 3, 3, 3)), false))
                    .isInstanceOf(Seg4jException.class).hasMessageContaining("4 channels");
        }
    }
}
