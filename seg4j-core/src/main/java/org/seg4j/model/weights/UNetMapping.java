package org.seg4j.model.weights;

import java.util.Locale;
import org.seg4j.Seg4jException;
import org.seg4j.model.SegmentationModel;

/**
 * seg4j's {@code unet} with its own encoder from the twin {@code UNet} of {@code
 * bench/parity/twins.py}: {@code encoder.stages.i} (double conv, after max pooling from stage 1
 * on), {@code decoder.blocks.i} (double conv on the concatenation) and {@code head}.
 */
final class UNetMapping {

    private UNetMapping() {}

    static WeightMapping table(SegmentationModel model) {
        if (!model.encoder().name().equals("unet")) {
            throw new Seg4jException("the whole-model unet table covers the unet encoder only, not '"
                    + model.encoder().name() + "'; import a pretrained encoder with --encoder-only");
        }
        int depth = model.encoder().reductions().length - 1;
        WeightMapping.Builder b = WeightMapping.builder();
        doubleConv(b, WeightMappings.MODEL_ENCODER + "01stage0", "encoder.stages.0");
        for (int i = 1; i <= depth; i++) {
            String stage = String.format(Locale.ROOT, "%s%02dstage%d_02FoldableSequence", WeightMappings.MODEL_ENCODER,
                    i + 1, i);
            doubleConv(b, stage, "encoder.stages." + i + ".1");
        }
        for (int i = depth - 1; i >= 0; i--) {
            String block = String.format(Locale.ROOT, "%s%02dup%d", ModelMappings.DECODER, depth - i, i);
            doubleConv(b, block, "decoder.blocks." + i);
        }
        return b.build().plus(ModelMappings.head());
    }

    private static void doubleConv(WeightMapping.Builder b, String target, String source) {
        b.sequentialConvBn(target + "_01FoldableSequence", source + ".0.0", source + ".0.1");
        b.sequentialConvBn(target + "_02FoldableSequence", source + ".1.0", source + ".1.1");
    }
}
