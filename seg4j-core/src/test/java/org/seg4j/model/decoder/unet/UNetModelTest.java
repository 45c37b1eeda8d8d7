package org.seg4j.model.decoder.unet;

import java.util.Map;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModelContract;

class UNetModelTest extends SegmentationModelContract {

    @Override
    protected ModelSpec smallSpec(int numClasses) {
        return new ModelSpec("unet", "", numClasses, 8, Map.of("depth", "3"));
    }
}
