package org.seg4j.model.weights;

import ai.djl.nn.Block;
import java.util.List;
import java.util.Locale;
import org.seg4j.model.SegmentationModel;

/**
 * seg4j's {@code segnet} from the twin {@code SegNet} of {@code bench/parity/twins.py}: the shared
 * vgg16 table under {@code encoder.} (torchvision's vgg16_bn {@code features} names, as FCN's),
 * {@code decoder.blocks.i.k} (the k-th conv + BN unit after the unpooling with pool i+1's switches)
 * and {@code head}.
 */
final class SegNetMapping {

    private SegNetMapping() {}

    static WeightMapping table(SegmentationModel model) {
        WeightMapping.Builder b = WeightMapping.builder();
        List<String> blocks = ModelMappings.children(model.decoder());
        List<Block> blockBlocks = model.decoder().getChildren().values();
        for (int c = 0; c < blocks.size(); c++) {
            // children block5 .. block1: block N follows the unpooling with pool N's switches
            int i = Integer.parseInt(blocks.get(c).substring(blocks.get(c).indexOf("block") + 5)) - 1;
            int units = blockBlocks.get(c).getChildren().size();
            for (int k = 0; k < units; k++) {
                String target = String.format(Locale.ROOT, "%s%s_%02dFoldableSequence", ModelMappings.DECODER,
                        blocks.get(c), k + 1);
                b.sequentialConvBn(target, "decoder.blocks." + i + "." + k + ".0", "decoder.blocks." + i + "." + k + ".1");
            }
        }
        return ModelMappings.encoderPart(model).plus(b.build()).plus(ModelMappings.head());
    }
}
