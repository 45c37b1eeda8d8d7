package org.seg4j.model.decoder.deeplab;

import java.util.Map;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModelContract;

class DeepLabV3PlusModelTest extends SegmentationModelContract {

    @Override
    protected ModelSpec smallSpec(int numClasses) {
        return new ModelSpec("deeplabv3plus", "vgg16", numClasses, 8, Map.of("decoder_width", "16"));
    }
}
