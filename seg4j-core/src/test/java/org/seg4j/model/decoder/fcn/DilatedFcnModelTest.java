package org.seg4j.model.decoder.fcn;

import java.util.Map;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModelContract;

/**
 * torchvision's FCN ({@code fcn}) on a narrow ResNet-18 at output stride 8, unpadded ({@code pad
 * none}) as torchvision runs it: odd sizes go through the strided stages with rounding down and the
 * logits are resized back to the input.
 */
class DilatedFcnModelTest extends SegmentationModelContract {

    @Override
    protected ModelSpec smallSpec(int numClasses) {
        return new ModelSpec("fcn", "resnet18", numClasses, 4, Map.of("pad", "none"));
    }
}
