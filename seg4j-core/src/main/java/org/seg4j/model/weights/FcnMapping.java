package org.seg4j.model.weights;

import org.seg4j.model.SegmentationModel;

/**
 * seg4j's {@code fcn8s}, {@code fcn16s} and {@code fcn32s} from the twin {@code Fcn} of {@code
 * bench/parity/twins.py}: the encoder's table under {@code encoder.} (torchvision's vgg16_bn names
 * for the default encoder), {@code decoder.fc.0/1} (fc6, fc7: conv + BN), {@code decoder.scoreS}
 * (1x1 with bias, S = 32, 16, 8), {@code decoder.upS.conv} (learned 2x upsampling of the stride-S
 * scores) and {@code decoder.upSx.conv} (the final upsampling by the finest stride S). The head has
 * no parameters.
 */
final class FcnMapping {

    private FcnMapping() {}

    static WeightMapping table(SegmentationModel model) {
        WeightMapping.Builder b = WeightMapping.builder();
        for (String child : ModelMappings.children(model.decoder())) {
            String target = ModelMappings.DECODER + child;
            String name = child.substring(2); // DJL's two-digit child index
            if (name.equals("fc")) {
                b.sequentialConvBn(target + "_01FoldableSequence", "decoder.fc.0.0", "decoder.fc.0.1");
                b.sequentialConvBn(target + "_02FoldableSequence", "decoder.fc.1.0", "decoder.fc.1.1");
            } else if (name.startsWith("score")) {
                b.convWithBias(target, "decoder." + name);
            } else {
                b.conv(target + "_01conv", "decoder." + name + ".conv");
            }
        }
        return ModelMappings.encoderPart(model).plus(b.build());
    }
}
