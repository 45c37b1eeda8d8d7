package org.seg4j.model.weights;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.util.List;
import org.seg4j.Seg4jException;
import org.seg4j.model.SegmentationModel;
import org.seg4j.model.decoder.fastfcn.JointPyramidUpsampling;

/**
 * seg4j's {@code fastfcn} with the {@code fcn} head from the twin {@code FastFcn} of {@code
 * bench/parity/twins.py}: the encoder's table under {@code encoder.}, Joint Pyramid Upsampling as
 * {@code decoder.jpu.reduce.i} (3x3 conv {@code .0} + BN {@code .1} per input, finest first) and
 * {@code decoder.jpu.dilation.k} (separable, one per dilation: depthwise {@code .0}/{@code .1},
 * pointwise {@code .3.0}/{@code .3.1}), the FCN head's 3x3 conv + BN as {@code decoder.head.0.0/1},
 * and the classifier as {@code head}.
 */
final class FastFcnMapping {

    private FastFcnMapping() {}

    static WeightMapping table(SegmentationModel model) {
        Block decoder = model.decoder();
        List<String> parts = ModelMappings.children(decoder);
        if (!(decoder.getChildren().get(0).getValue() instanceof JointPyramidUpsampling jpu)
                || !(decoder.getChildren().get(1).getValue() instanceof SequentialBlock)) {
            throw new Seg4jException("fastfcn has a whole-model PyTorch mapping table only with option head=fcn "
                    + "(the default); import or export the encoder alone with --encoder-only");
        }
        String jpuName = ModelMappings.DECODER + parts.get(0) + "_";
        List<String> units = ModelMappings.children(jpu);
        WeightMapping.Builder b = WeightMapping.builder();
        int reduce = 0;
        int dilation = 0;
        for (String unit : units) {
            if (unit.substring(2).startsWith("reduce")) {
                String s = "decoder.jpu.reduce." + reduce++;
                b.sequentialConvBn(jpuName + unit, s + ".0", s + ".1");
            } else {
                DeepLabV3PlusMapping.separable(b, jpuName + unit, "decoder.jpu.dilation." + dilation++);
            }
        }
        b.sequentialConvBn(ModelMappings.DECODER + parts.get(1) + "_01FoldableSequence", "decoder.head.0.0",
                "decoder.head.0.1");
        return ModelMappings.encoderPart(model).plus(b.build()).plus(ModelMappings.head());
    }
}
