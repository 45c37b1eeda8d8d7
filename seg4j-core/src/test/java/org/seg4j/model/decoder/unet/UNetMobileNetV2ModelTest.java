package org.seg4j.model.decoder.unet;

import java.util.Map;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModelContract;

/** U-Net on MobileNetV2 at width multiplier 0.25, dilated to output stride 16. */
class UNetMobileNetV2ModelTest extends SegmentationModelContract {

    @Override
    protected ModelSpec smallSpec(int numClasses) {
        return new ModelSpec("unet", "mobilenetv2", numClasses, 8, Map.of("output_stride", "16"));
    }
}
