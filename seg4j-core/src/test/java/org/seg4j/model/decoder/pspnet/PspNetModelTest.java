package org.seg4j.model.decoder.pspnet;

import java.util.Map;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModelContract;

/**
 * PSPNet on a shallow {@code unet} encoder (output stride 4), small enough for the contract's
 * sizes. {@link PspNetOptionsTest} covers {@code vgg16}.
 */
class PspNetModelTest extends SegmentationModelContract {

    @Override
    protected ModelSpec smallSpec(int numClasses) {
        return new ModelSpec("pspnet", "unet", numClasses, 8, Map.of("depth", "2", "decoder_width", "16"));
    }
}
