package org.seg4j.model.decoder.parsenet;

import java.util.Map;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModelContract;

/**
 * ParseNet on a shallow {@code unet} encoder (output stride 4): the contract overfits 32x32 images,
 * where the undilated {@code vgg16}'s stride-32 feature is a single pixel. {@link L2NormTest} also
 * runs the model on {@code vgg16}.
 */
class ParseNetModelTest extends SegmentationModelContract {

    @Override
    protected ModelSpec smallSpec(int numClasses) {
        return new ModelSpec("parsenet", "unet", numClasses, 8, Map.of("depth", "2"));
    }

    @Override
    protected int maxOverfitSteps() {
        return 60;
    }
}
