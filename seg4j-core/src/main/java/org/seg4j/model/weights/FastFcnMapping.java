package org.seg4j.model.weights;

import ai.djl.nn.Block;
import java.util.List;
import org.seg4j.Seg4jException;
import org.seg4j.model.SegmentationModel;
import org.seg4j.model.decoder.deeplab.Aspp;
import org.seg4j.model.decoder.fastfcn.JointPyramidUpsampling;

/**
 * seg4j's {@code fastfcn} from the twin {@code FastFcn} of {@code
 * bench/parity/twins.py}: the encoder's table under {@code encoder.}, Joint Pyramid Upsampling as
 * {@code decoder.jpu.reduce.i} (3x3 conv {@code .0} + BN {@code .1} per input, finest first) and
 * {@code decoder.jpu.dilation.k} (separable, one per dilation: depthwise {@code .0}/{@code .1},
 * pointwise {@code .3.0}/{@code .3.1}), the head under {@code decoder.head} (head {@code fcn}: its
 * 3x3 conv + BN as {@code decoder.head.0.0/1}; head {@code aspp}: torchvision's ASPP names, {@code
 * convs.k} and {@code project}, see {@link DeepLabV3Mapping#aspp}), and the classifier as {@code
 * head}.
 */
final class FastFcnMapping {

    private FastFcnMapping() {}

    static WeightMapping table(SegmentationModel model) {
        Block decoder = model.decoder();
        List<String> parts = ModelMappings.children(decoder);
        if (!(decoder.getChildren().get(0).getValue() instanceof JointPyramidUpsampling jpu)) {
            throw new Seg4jException("fastfcn's decoder does not start with joint pyramid upsampling; import or "
                    + "export the encoder alone with --encoder-only");
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
        Block head = decoder.getChildren().get(1).getValue();
        if (head instanceof Aspp) {
            DeepLabV3Mapping.aspp(b, head, ModelMappings.DECODER + parts.get(1) + "_", "decoder.head");
        } else {
            b.sequentialConvBn(ModelMappings.DECODER + parts.get(1) + "_01FoldableSequence", "decoder.head.0.0",
                    "decoder.head.0.1");
        }
        return ModelMappings.encoderPart(model).plus(b.build()).plus(ModelMappings.head());
    }
}
