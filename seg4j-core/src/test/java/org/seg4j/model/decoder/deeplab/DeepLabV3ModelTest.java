package org.seg4j.model.decoder.deeplab;

import java.util.Map;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModelContract;

/**
 * DeepLabV3 on a shallow {@code unet} encoder (output stride 4), small enough for the contract's
 * sizes. {@link DeepLabOptionsTest} covers {@code vgg16}.
 */
class DeepLabV3ModelTest extends SegmentationModelContract {

    @Override
    protected ModelSpec smallSpec(int numClasses) {
        return new ModelSpec("deeplabv3", "unet", numClasses, 8,
                Map.of("depth", "2", "atrous_rates", "1,2,3", "decoder_width", "16"));
    }
}
