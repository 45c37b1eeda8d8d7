package org.seg4j.model.encoder;

import java.util.Map;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModelContract;

/** The model contract (odd sizes, save/load, gradients, frozen encoder) with an IBN-a ResNet encoder. */
class ResNetIbnModelTest extends SegmentationModelContract {

    @Override
    protected ModelSpec smallSpec(int numClasses) {
        return new ModelSpec("deeplabv3plus", "resnet18", numClasses, 8, Map.of("decoder_width", "16", Encoders.IBN, "a"));
    }
}
