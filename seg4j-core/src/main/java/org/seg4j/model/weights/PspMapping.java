package org.seg4j.model.weights;

import ai.djl.nn.Block;
import java.util.List;
import org.seg4j.model.SegmentationModel;

/**
 * seg4j's {@code pspnet} from the twin {@code PSPNet} of {@code bench/parity/twins.py}: the
 * encoder's table under {@code encoder.}, the pyramid pooling branches as {@code
 * decoder.ppm.branches.k} (the 1x1 bin: a biased conv {@code .0}; the others conv {@code .0} + BN
 * {@code .1}), the 3x3 fusion as {@code decoder.fuse.0/1} and {@code head}.
 */
final class PspMapping {

    private PspMapping() {}

    static WeightMapping table(SegmentationModel model) {
        Block decoder = model.decoder();
        List<String> parts = ModelMappings.children(decoder);
        WeightMapping.Builder b = WeightMapping.builder();
        pyramid(b, ModelMappings.DECODER + parts.get(0), decoder.getChildren().get(0).getValue(), "decoder.ppm");
        b.sequentialConvBn(ModelMappings.DECODER + parts.get(1) + "_01FoldableSequence", "decoder.fuse.0",
                "decoder.fuse.1");
        return ModelMappings.encoderPart(model).plus(b.build()).plus(ModelMappings.head());
    }

    /** A {@code PyramidPooling} block {@code pyramid} at {@code target}, from the twin's {@code source.branches.k}. */
    static void pyramid(WeightMapping.Builder b, String target, Block pyramid, String source) {
        List<String> bins = ModelMappings.children(pyramid);
        for (int k = 0; k < bins.size(); k++) {
            String t = target + "_" + bins.get(k);
            String s = source + ".branches." + k;
            if (bins.get(k).substring(2).equals("bin1")) {
                b.convWithBias(t + "_01Conv2d", s + ".0");
            } else {
                b.sequentialConvBn(t, s + ".0", s + ".1");
            }
        }
    }
}
