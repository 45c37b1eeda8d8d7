package org.seg4j.model.decoder.pspnet;

import java.util.Map;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModelContract;

/**
 * PSPNet on a shallow {@code unet} encoder (output stride 4): the contract overfits 32x32 images,
 * where the undilated {@code vgg16}'s stride-32 feature is a single pixel. {@link PspNetOptionsTest}
 * covers {@code vgg16}.
 */
class PspNetModelTest extends SegmentationModelContract {

    @Override
    protected ModelSpec smallSpec(int numClasses) {
        return new ModelSpec("pspnet", "unet", numClasses, 8, Map.of("depth", "2", "decoder_width", "16"));
    }

    @Override
    protected int maxOverfitSteps() {
        return 60;
    }
}
