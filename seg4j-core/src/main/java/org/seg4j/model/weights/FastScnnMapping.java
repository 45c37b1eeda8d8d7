package org.seg4j.model.weights;

import ai.djl.nn.Block;
import java.util.List;
import java.util.Locale;
import org.seg4j.model.SegmentationModel;

/**
 * seg4j's {@code fastscnn} from the twin {@code FastScnn} of {@code bench/parity/twins.py}, named
 * after the paper's modules: {@code encoder.learning_to_downsample.0} (conv + BN), {@code .1/.2}
 * (depthwise-separable: {@code .0} depthwise, {@code .1} pointwise), {@code
 * encoder.bottleneck16.i} and {@code encoder.bottleneck32.i} (inverted residuals: {@code block.0}
 * expansion, {@code block.1} depthwise, {@code block.2} projection), {@code decoder.ppm.branches.k}
 * and {@code decoder.ppm_project}, the fusion's {@code decoder.high} and {@code decoder.low.0/1},
 * {@code decoder.classifier.0/1} (separable) and {@code .2} (1x1 with bias), and {@code
 * decoder.upsample.conv}. Every conv + BN pair is {@code .0} and {@code .1} of its unit.
 */
final class FastScnnMapping {

    private static final String ENCODER = WeightMappings.MODEL_ENCODER;
    private static final String DECODER = ModelMappings.DECODER;

    private FastScnnMapping() {}

    static WeightMapping table(SegmentationModel model) {
        WeightMapping.Builder b = WeightMapping.builder();
        String down = ENCODER + "01stage0_";
        convBn(b, down + "01SequentialBlock", "encoder.learning_to_downsample.0");
        separable(b, down + "02SequentialBlock", "encoder.learning_to_downsample.1");
        separable(b, down + "03SequentialBlock", "encoder.learning_to_downsample.2");
        List<Block> stages = ((Block) model.encoder()).getChildren().values();
        bottlenecks(b, ENCODER + "02stage1_", stages.get(1), "encoder.bottleneck16.");
        bottlenecks(b, ENCODER + "03stage2_", stages.get(2), "encoder.bottleneck32.");

        Block ppm = model.decoder().getChildren().get(0).getValue();
        PspMapping.pyramid(b, DECODER + "01ppm_01PyramidPooling", ppm.getChildren().get(0).getValue(), "decoder.ppm");
        convBn(b, DECODER + "01ppm_02SequentialBlock", "decoder.ppm_project");
        convBn(b, DECODER + "02high", "decoder.high");
        convBn(b, DECODER + "03low_01SequentialBlock", "decoder.low.0");
        convBn(b, DECODER + "03low_02SequentialBlock", "decoder.low.1");
        separable(b, DECODER + "04classifier_01SequentialBlock", "decoder.classifier.0");
        separable(b, DECODER + "04classifier_02SequentialBlock", "decoder.classifier.1");
        b.convWithBias(DECODER + "04classifier_03Conv2d", "decoder.classifier.2");
        b.conv(DECODER + "05upsample_01conv", "decoder.upsample.conv");
        return b.build();
    }

    private static void bottlenecks(WeightMapping.Builder b, String target, Block stage, String source) {
        int n = stage.getChildren().size();
        for (int i = 0; i < n; i++) {
            String t = String.format(Locale.ROOT, "%s%02dInvertedResidual_01body_", target, i + 1);
            for (int u = 0; u < 3; u++) {
                convBn(b, String.format(Locale.ROOT, "%s%02dSequentialBlock", t, u + 1), source + i + ".block." + u);
            }
        }
    }

    /** Depthwise unit {@code .0}, pointwise unit {@code .1}. */
    private static void separable(WeightMapping.Builder b, String target, String source) {
        convBn(b, target + "_01SequentialBlock", source + ".0");
        convBn(b, target + "_02SequentialBlock", source + ".1");
    }

    private static void convBn(WeightMapping.Builder b, String target, String source) {
        b.sequentialConvBn(target, source + ".0", source + ".1");
    }
}
