package org.seg4j.model.decoder.fcn;

import java.util.Map;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModelContract;

class FcnModelTest extends SegmentationModelContract {

    @Override
    protected ModelSpec smallSpec(int numClasses) {
        return new ModelSpec("fcn8s", "", numClasses, 8, Map.of());
    }
}
