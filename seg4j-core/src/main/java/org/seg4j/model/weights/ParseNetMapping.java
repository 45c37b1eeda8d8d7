package org.seg4j.model.weights;

import java.util.List;
import org.seg4j.model.SegmentationModel;

/**
 * seg4j's {@code parsenet} from the twin {@code ParseNet} of {@code bench/parity/twins.py}: the
 * encoder's table under {@code encoder.}, the two learned L2 scales as {@code
 * decoder.local_norm.scale} (the feature map's) and {@code decoder.global_norm.scale} (the pooled
 * vector's), and the classifier as {@code head}.
 */
final class ParseNetMapping {

    private ParseNetMapping() {}

    static WeightMapping table(SegmentationModel model) {
        List<String> parts = ModelMappings.children(model.decoder());
        WeightMapping.Builder b = WeightMapping.builder();
        b.add(ModelMappings.DECODER + parts.get(0) + "_scale", "decoder.local_norm.scale", WeightMapping.Transform.COPY);
        b.add(ModelMappings.DECODER + parts.get(1) + "_scale", "decoder.global_norm.scale",
                WeightMapping.Transform.COPY);
        return ModelMappings.encoderPart(model).plus(b.build()).plus(ModelMappings.head());
    }
}
