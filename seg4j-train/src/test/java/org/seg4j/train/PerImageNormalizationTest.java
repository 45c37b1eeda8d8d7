package org.seg4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.RgbImage;
import org.seg4j.data.synth.SyntheticStreetScenes;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.Probabilities;

/** A model trained with {@code input_normalization: per-image} keeps it through its manifest to prediction. */
@ExtendWith(SingleTorchThread.class)
class PerImageNormalizationTest {

    @TempDir
    Path tmp;

    @Test
    void theTrainedModelPredictsADarkenedImageAsTheOriginal() {
        SyntheticStreetScenes data = SyntheticStreetScenes.builder().optSeed(3).optSize(32, 32).optCount(4).build();
        TrainConfig cfg = TrainConfig.builder().optModel("unet").optBaseWidth(4).optEpochs(2).optBatchSize(2)
                .optCrop(32, 32).optScale(1, 1).optHflip(false).optNumWorkers(1).optKeepLast(0).optSeed(5)
                .optInputNormalization("per-image").build();
        Path out = tmp.resolve("run");
        TrainingRun.builder().setTrainData(data).setConfig(cfg).setOutputDir(out).optLog(null).build().fit();

        RgbImage day = data.load(0).image();
        byte[] dark = new byte[day.data().length];
        double[] gain = {0.45, 0.5, 0.6};
        for (int i = 0; i < dark.length; i++) {
            dark[i] = (byte) Math.round((day.data()[i] & 0xFF) * gain[i % 3] + 4);
        }
        try (Predictor p = Predictor.load(out)) {
            assertThat(p.manifest().preprocessing().normalization().perImage()).isTrue();
            Probabilities a = p.predictProbabilities(day);
            Probabilities b = p.predictProbabilities(new RgbImage(day.width(), day.height(), dark));
            double diff = 0;
            for (int i = 0; i < a.data().length; i++) {
                diff = Math.max(diff, Math.abs(a.data()[i] - b.data()[i]));
            }
            // only the rounding of the darkened image to whole grey levels separates the two inputs
            assertThat(diff).isLessThan(0.05);
        }
    }
}
