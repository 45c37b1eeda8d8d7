package org.seg4j.model.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.Pair;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;
import org.seg4j.model.Encoder;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.ModelStats;
import org.seg4j.model.layer.ConvIbn;

class ResNetEncoderTest {

    private static Encoder create(String name, int width, int outputStride) {
        return Encoders.create(name, new ModelSpec("unet", name, 2, width,
                Map.of(Encoders.OUTPUT_STRIDE, String.valueOf(outputStride))));
    }

    @Test
    void resnet18HasFiveStagesAtStrides2To32() {
        Encoder e = Encoders.create("resnet18", 8);
        assertThat(e.name()).isEqualTo("resnet18");
        assertThat(e.reductions()).containsExactly(2, 4, 8, 16, 32);
        assertThat(e.outChannels()).containsExactly(8, 8, 16, 32, 64);
        assertThat(e.outputStride()).isEqualTo(32);
        EncoderShapes.assertMatchesForward(e, 64, 96);
    }

    @Test
    void resnet50BottlenecksExpandChannelsFourTimes() {
        Encoder e = Encoders.create("resnet50", 8);
        assertThat(e.reductions()).containsExactly(2, 4, 8, 16, 32);
        assertThat(e.outChannels()).containsExactly(8, 32, 64, 128, 256);
        EncoderShapes.assertMatchesForward(e, 32, 64);
    }

    @Test
    void outputStride16DilatesTheLastStage() {
        Encoder e = create("resnet34", 8, 16);
        assertThat(e.reductions()).containsExactly(2, 4, 8, 16, 16);
        assertThat(e.outChannels()).containsExactly(8, 8, 16, 32, 64);
        assertThat(e.outputStride()).isEqualTo(16);
        EncoderShapes.assertMatchesForward(e, 48, 64);
    }

    @Test
    void outputStride8DilatesTheLastTwoStages() {
        Encoder e = create("resnet18", 8, 8);
        assertThat(e.reductions()).containsExactly(2, 4, 8, 8, 8);
        assertThat(e.outputStride()).isEqualTo(8);
        EncoderShapes.assertMatchesForward(e, 40, 56);
        assertThat(maxDilation(e)).isEqualTo(4);
        Encoder r50 = create("resnet50", 8, 8);
        assertThat(r50.reductions()).containsExactly(2, 4, 8, 8, 8);
        EncoderShapes.assertMatchesForward(r50, 24, 32);
    }

    @Test
    void fullWidthResNetsHaveTorchvisionParameterCounts() {
        // torchvision's resnet18/34/50 without the fc layer: 11,176,512 / 21,284,672 / 23,508,032
        // trainable parameters; DJL also counts the batch-norm running mean and variance.
        assertThat(trainable(Encoders.create("resnet18", 0))).isEqualTo(11_176_512L);
        assertThat(trainable(Encoders.create("resnet34", 0))).isEqualTo(21_284_672L);
        assertThat(trainable(Encoders.create("resnet50", 0))).isEqualTo(23_508_032L);
    }

    @Test
    void ibnAPutsInstanceNormInTheFirstUnitOfEachBlockOfLayer1To3() {
        Encoder r18 = Encoders.create("resnet18", new ModelSpec("unet", "resnet18", 2, 8, Map.of(Encoders.IBN, "a")));
        assertThat(((ResNetEncoder) r18).ibn()).isTrue();
        assertThat(r18.reductions()).containsExactly(2, 4, 8, 16, 32);
        assertThat(r18.outChannels()).containsExactly(8, 8, 16, 32, 64);
        EncoderShapes.assertMatchesForward(r18, 64, 96);
        assertThat(count(r18, ConvIbn.class)).isEqualTo(6);
        Encoder r50 = Encoders.create("resnet50", new ModelSpec("unet", "resnet50", 2, 8,
                Map.of(Encoders.IBN, "a", Encoders.OUTPUT_STRIDE, "16")));
        assertThat(count(r50, ConvIbn.class)).isEqualTo(3 + 4 + 6);
        EncoderShapes.assertMatchesForward(r50, 32, 64);
        assertThat(count(Encoders.create("resnet18", 8), ConvIbn.class)).isZero();
    }

    @Test
    void ibnAKeepsTheTrainableParameterCount() {
        // Each IBN norm has a scale and shift per channel, split between its two halves, as batch norm.
        Encoder ibn = Encoders.create("resnet18", new ModelSpec("unet", "resnet18", 2, 0, Map.of(Encoders.IBN, "a")));
        assertThat(trainable(ibn)).isEqualTo(11_176_512L);
    }

    @Test
    void anUnknownIbnVariantIsAUserError() {
        assertThatThrownBy(() -> new ModelSpec("deeplabv3plus", "resnet18", 2, 8, Map.of(Encoders.IBN, "b")))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("ibn")
                .hasMessageContaining("none, a");
    }

    @Test
    void badOutputStrideAndDepthAreUserErrors() {
        assertThatThrownBy(() -> create("resnet18", 8, 4))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("output_stride")
                .hasMessageContaining("[8, 16, 32]");
        assertThatThrownBy(() -> ResNetEncoder.builder().setDepth(152).build())
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("18, 34, 50 or 101");
    }

    /** Trainable (gradient) parameters, i.e. without batch-norm running statistics. */
    static long trainable(Encoder e) {
        // Zeros instead of random weights: only the shapes matter here, and zero-filling is fast.
        e.setInitializer(new ConstantInitializer(0f), p -> true);
        try (NDManager m = NDManager.newBaseManager()) {
            e.initialize(m, DataType.FLOAT32, new Shape(1, 3, 32, 32));
            long n = 0;
            for (Pair<String, ai.djl.nn.Parameter> p : e.getParameters()) {
                if (p.getValue().requiresGradient()) {
                    n += p.getValue().getShape().size();
                }
            }
            assertThat(ModelStats.parameterCount(e)).isGreaterThan(n);
            return n;
        }
    }

    private static int count(Block block, Class<? extends Block> type) {
        int n = type.isInstance(block) ? 1 : 0;
        for (Pair<String, Block> child : block.getChildren()) {
            n += count(child.getValue(), type);
        }
        return n;
    }

    private static int maxDilation(Block block) {
        int max = 1;
        if (block instanceof Convolution c) {
            max = (int) c.getDilation().get(0);
        }
        for (Pair<String, Block> child : block.getChildren()) {
            max = Math.max(max, maxDilation(child.getValue()));
        }
        return max;
    }
}
