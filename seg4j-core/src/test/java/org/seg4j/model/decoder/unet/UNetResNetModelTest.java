package org.seg4j.model.decoder.unet;

import java.util.Map;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModelContract;

/** U-Net on a narrow ResNet-18: first feature at stride 2, the head upsamples the rest. */
class UNetResNetModelTest extends SegmentationModelContract {

    @Override
    protected ModelSpec smallSpec(int numClasses) {
        return new ModelSpec("unet", "resnet18", numClasses, 8, Map.of());
    }
}
