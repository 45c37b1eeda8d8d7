package org.seg4j.model.instance.maskrcnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MaskRcnnTest {

    static MaskRcnnConfig tiny() {
        return MaskRcnnConfig.builder().setNumClasses(2).optWidth(8).optFpnChannels(16).optRepresentation(32)
                .optMaskChannels(16).optAnchorSizes(8, 16, 32, 64, 128).build();
    }

    static InstanceTargets twoBoxes(int w, int h) {
        boolean[] a = new boolean[w * h];
        boolean[] b = new boolean[w * h];
        for (int y = 8; y < 24; y++) {
            for (int x = 4; x < 20; x++) {
                a[y * w + x] = true;
            }
        }
        for (int y = 30; y < 50; y++) {
            for (int x = 30; x < 40; x++) {
                b[y * w + x] = true;
            }
        }
        return new InstanceTargets(w, h, new float[] {4, 8, 20, 24, 30, 30, 40, 50}, new int[] {1, 2},
                new boolean[][] {a, b});
    }

    @Test
    void lossesAreFiniteAndGradientsReachTheBackbone() {
        Engine.getInstance().setRandomSeed(17);
        try (NDManager base = NDManager.newBaseManager()) {
            MaskRcnn model = new MaskRcnn(tiny());
            model.initialize(base, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            for (Pair<String, Parameter> p : model.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    p.getValue().getArray().setRequiresGradient(true);
                }
            }
            try (NDManager sub = base.newSubManager()) {
                NDArray x = sub.randomNormal(new Shape(2, 3, 64, 64));
                float[] values;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    MaskRcnn.Losses l = model.losses(new ParameterStore(sub, false), x,
                            List.of(twoBoxes(64, 64), twoBoxes(64, 56)), new Random(3));
                    values = l.values();
                    gc.backward(l.total());
                }
                for (float v : values) {
                    assertThat(v).isFinite().isPositive();
                }
                // the stem convolution sees the gradient of every loss through FPN, RoIAlign and RPN
                NDArray stemGrad = model.getParameters().get(0).getValue().getArray().getGradient();
                assertThat(stemGrad.abs().sum().getFloat()).isPositive();
            }
        }
    }

    @Test
    void detectsWithinEachImageAndReloadsIdentically() throws Exception {
        Engine.getInstance().setRandomSeed(18);
        try (NDManager base = NDManager.newBaseManager()) {
            MaskRcnnConfig config = MaskRcnnConfig.builder().setNumClasses(2).optWidth(8).optFpnChannels(16)
                    .optRepresentation(32).optMaskChannels(16).optDetections(0f, 0.5f, 7).build();
            MaskRcnn model = new MaskRcnn(config);
            model.initialize(base, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            NDArray x = base.randomNormal(new Shape(2, 3, 64, 64));
            List<RawDetections> first;
            try (NDManager sub = base.newSubManager()) {
                NDArray xs = x.duplicate();
                xs.attach(sub);
                first = model.detect(new ParameterStore(sub, false), xs, new int[][] {{64, 64}, {50, 40}});
            }
            assertThat(first).hasSize(2);
            RawDetections d = first.get(1);
            assertThat(d.size()).isBetween(1, 7);
            for (int i = 0; i < d.size(); i++) {
                assertThat(d.boxes()[4 * i + 2]).isLessThanOrEqualTo(40f);
                assertThat(d.boxes()[4 * i + 3]).isLessThanOrEqualTo(50f);
                assertThat(d.labels()[i]).isBetween(1, 2);
            }
            assertThat(d.masks()).hasSize(d.size() * 28 * 28);

            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            model.saveParameters(new DataOutputStream(bytes));
            MaskRcnn loaded = new MaskRcnn(config);
            loaded.initialize(base, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            loaded.loadParameters(base, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            try (NDManager sub = base.newSubManager()) {
                NDArray xs = x.duplicate();
                xs.attach(sub);
                RawDetections again = loaded.detect(new ParameterStore(sub, false), xs,
                        new int[][] {{64, 64}, {50, 40}}).get(1);
                assertThat(again.scores()).containsExactly(d.scores());
                assertThat(again.masks()).containsExactly(d.masks());
            }
        }
    }

    @Test
    void inputsMustBeMultiplesOf32() {
        try (NDManager base = NDManager.newBaseManager()) {
            MaskRcnn model = new MaskRcnn(tiny());
            model.initialize(base, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            assertThatThrownBy(() -> model.forward(new ParameterStore(base, false),
                    new NDList(base.zeros(new Shape(1, 3, 60, 64))), false))
                    .hasMessageContaining("multiples of 32").hasMessageContaining("(1, 3, 60, 64)");
            assertThatThrownBy(() -> MaskRcnnConfig.builder().build()).hasMessageContaining("thing class");
        }
    }
}
