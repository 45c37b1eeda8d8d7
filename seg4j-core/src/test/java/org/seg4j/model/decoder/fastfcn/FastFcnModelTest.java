package org.seg4j.model.decoder.fastfcn;

import java.util.Map;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModelContract;

/**
 * FastFCN on a {@code unet} encoder of depth 3 (JPU over strides 2, 4, 8): the contract overfits
 * 32x32 images, where {@code vgg16}'s stride-8 output is a 4x4 map that tops out near 90% pixel
 * accuracy. {@link FastFcnOptionsTest} covers {@code vgg16} (strides 8, 16, 32).
 */
class FastFcnModelTest extends SegmentationModelContract {

    @Override
    protected ModelSpec smallSpec(int numClasses) {
        return new ModelSpec("fastfcn", "unet", numClasses, 8, Map.of("depth", "3", "decoder_width", "16"));
    }

    @Override
    protected int maxOverfitSteps() {
        return 60;
    }
}
