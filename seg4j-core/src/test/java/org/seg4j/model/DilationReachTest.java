package org.seg4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.initializer.ConstantInitializer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seg4j.model.layer.Layers;

class DilationReachTest {

    @Test
    void tapsAlongOneAxisAreReachedWhereSomeOutputReadsInsideTheInput() {
        // dilation 12 on 11 rows (same padding 12): the outer taps read rows i - 12 and i + 12, never in 0..10
        assertThat(DilationReach.reached(3, 1, 12, 12, 11)).containsExactly(false, true, false);
        // on 15 columns the outer taps reach columns 12-14 and 0-2 from the edges
        assertThat(DilationReach.reached(3, 1, 12, 12, 15)).containsExactly(true, true, true);
        assertThat(DilationReach.reached(3, 1, 18, 18, 15)).containsExactly(false, true, false);
        // dilation equal to the size: offset 11 on 11 rows is still outside
        assertThat(DilationReach.reached(3, 1, 11, 11, 11)).containsExactly(false, true, false);
        assertThat(DilationReach.reached(3, 1, 10, 10, 11)).containsExactly(true, true, true);
        // stride 2, 5 rows, dilation 2: outputs 0..2 read rows 2i-2, 2i, 2i+2
        assertThat(DilationReach.reached(3, 2, 2, 2, 5)).containsExactly(true, true, true);
        // stride 2, 2 rows, dilation 3: one output, reading rows -3, 0, 3
        assertThat(DilationReach.reached(3, 2, 3, 3, 2)).containsExactly(false, true, false);
    }

    @Test
    void aDilatedConvolutionCountsTheTapsThatOnlyReadPadding() {
        assertThat(findings(Layers.sameConv(4, 3, 1, 12, 1), 11, 15)).singleElement().satisfies(f -> {
            assertThat(f.untrainedTaps()).isEqualTo(6);
            assertThat(f.taps()).isEqualTo(9);
            assertThat(f.describe()).isEqualTo("Conv2d (dilation 12 on 11x15: 6 of 9 taps)");
        });
        assertThat(findings(Layers.sameConv(4, 3, 1, 18, 1), 11, 15)).singleElement()
                .satisfies(f -> assertThat(f.untrainedTaps()).isEqualTo(8));
        assertThat(findings(Layers.sameConv(4, 3, 1, 6, 1), 11, 15)).isEmpty();
        // an undilated convolution is not reported even where its input is a single pixel
        assertThat(findings(Layers.sameConv(4, 3, 1, 1, 1), 1, 1)).isEmpty();
    }

    @Test
    void anUninitialisedConvolutionIsSkipped() {
        assertThat(DilationReach.unreachedTaps(Layers.sameConv(4, 3, 1, 12, 1))).isEmpty();
    }

    @Test
    void deepLabsDefaultRatesOnASmallCropLeaveTheWideBranchesUntrained() {
        Block model = initialised(new ModelSpec("deeplabv3plus", "resnet18", 3, 8, Map.of()), 176, 240);
        List<DilationReach.Finding> findings = DilationReach.unreachedTaps(model);
        // output stride 16: an 11x15 map; rate 6 reaches inside, 12 only along the 15 columns, 18 nowhere
        assertThat(findings).extracting(DilationReach.Finding::describe).containsExactly(
                "decoder.aspp.rate12.Conv2d (dilation 12 on 11x15: 6 of 9 taps)",
                "decoder.aspp.rate18.Conv2d (dilation 18 on 11x15: 8 of 9 taps)");
        assertThat(DilationReach.warning(model))
                .startsWith("at 176x240 inputs, taps of 2 dilated convolutions read only padding: decoder.aspp.rate12")
                .contains("Keep dilations below 11")
                .contains("6,12,18 scaled to this size are 2,4,6");
    }

    @Test
    void ratesScaledToTheCropLeaveNothingToWarnAbout() {
        Block model = initialised(new ModelSpec("deeplabv3plus", "resnet18", 3, 8,
                Map.of("atrous_rates", "2,4,6")), 176, 240);
        assertThat(DilationReach.unreachedTaps(model)).isEmpty();
        assertThat(DilationReach.warning(model)).isNull();
        // the paper's crop: a 33x33 map at output stride 16
        Block paper = initialised(new ModelSpec("deeplabv3plus", "resnet18", 3, 8, Map.of()), 513, 513);
        assertThat(DilationReach.warning(paper)).isNull();
    }

    private static List<DilationReach.Finding> findings(Conv2d conv, int height, int width) {
        try (NDManager manager = NDManager.newBaseManager()) {
            conv.setInitializer(new ConstantInitializer(0f), p -> true);
            conv.initialize(manager, DataType.FLOAT32, new Shape(1, 3, height, width));
            return DilationReach.unreachedTaps(conv);
        }
    }

    private static Block initialised(ModelSpec spec, int height, int width) {
        Block block = ModelRegistry.create(spec);
        block.setInitializer(new ConstantInitializer(0f), p -> true);
        try (NDManager manager = NDManager.newBaseManager()) {
            ModelDirectory.initialize(block, manager, height, width);
        }
        return block;
    }
}
