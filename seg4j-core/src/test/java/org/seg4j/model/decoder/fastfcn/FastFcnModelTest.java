package org.seg4j.model.decoder.fastfcn;

import java.util.Map;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModelContract;

/**
 * FastFCN on a {@code unet} encoder of depth 3 (JPU over strides 2, 4, 8), small enough for the
 * contract's sizes. {@link FastFcnOptionsTest} covers {@code vgg16} (strides 8, 16, 32).
 */
class FastFcnModelTest extends SegmentationModelContract {

    @Override
    protected ModelSpec smallSpec(int numClasses) {
        return new ModelSpec("fastfcn", "unet", numClasses, 8, Map.of("depth", "3", "decoder_width", "16"));
    }
}
