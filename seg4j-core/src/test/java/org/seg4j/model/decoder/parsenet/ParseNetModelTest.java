package org.seg4j.model.decoder.parsenet;

import java.util.Map;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModelContract;

/**
 * ParseNet on a shallow {@code unet} encoder (output stride 4), small enough for the contract's
 * sizes. {@link L2NormTest} also runs the model on {@code vgg16}.
 */
class ParseNetModelTest extends SegmentationModelContract {

    @Override
    protected ModelSpec smallSpec(int numClasses) {
        return new ModelSpec("parsenet", "unet", numClasses, 8, Map.of("depth", "2"));
    }
}
