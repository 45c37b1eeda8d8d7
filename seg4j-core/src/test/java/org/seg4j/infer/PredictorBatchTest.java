package org.seg4j.infer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;

class PredictorBatchTest {

    @Test
    void batchOfMixedSizesEqualsOneByOne(@TempDir Path tmp) {
        for (double scale : new double[] {1.0, 0.5}) {
            Path dir = TestModels.saveModel(tmp.resolve("m" + scale), TestModels.CONV3, 32, scale);
            try (Predictor p = Predictor.load(dir, PredictorOptions.defaults().withMaxWholePixels(64 * 64))) {
                List<RgbImage> images = List.of(TestModels.randomImage(40, 30, 1), TestModels.randomImage(41, 30, 2),
                        TestModels.randomImage(40, 30, 3), TestModels.randomImage(90, 80, 4), // tiled at scale 1
                        TestModels.randomImage(40, 30, 5));
                List<LabelMask> batch = p.predictBatch(images);
                assertThat(batch).hasSize(images.size());
                for (int i = 0; i < images.size(); i++) {
                    LabelMask one = p.predict(images.get(i));
                    assertThat(batch.get(i).width()).isEqualTo(images.get(i).width());
                    long differ = 0;
                    for (int j = 0; j < one.data().length; j++) {
                        differ += one.data()[j] != batch.get(i).data()[j] ? 1 : 0;
                    }
                    // batched convolutions may round differently: allow a rare tie to flip
                    assertThat(differ).as("scale %s image %d", scale, i).isLessThanOrEqualTo(one.data().length / 1000);
                }
                assertThat(p.scratchArrays()).isZero();
            }
        }
    }
}
