package org.seg4j.model.decoder.segmenter;

import java.util.Map;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModelContract;

/**
 * Segmenter with a tiny ViT: width 16, two encoder blocks, one decoder block, positional grid 4x4,
 * so every input size of the contract uses interpolated positional embeddings. Patch 2, because
 * bilinearly upsampled masks of patch 8 or 16 cannot reach 95% pixel accuracy on the contract's
 * 32x32 rectangles (the per-patch majority oracle reaches 88% at patch 8).
 */
class SegmenterModelTest extends SegmentationModelContract {

    @Override
    protected ModelSpec smallSpec(int numClasses) {
        return new ModelSpec("segmenter", "vit-tiny", numClasses, 16,
                Map.of("patch_size", "2", "depth", "2", "heads", "2", "dec_depth", "1", "pos_grid", "4"));
    }

    @Override
    protected int maxOverfitSteps() {
        return 80;
    }

    @Override
    protected float learningRate() {
        return 0.01f;
    }
}
