package org.seg4j.spark.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.synth.SyntheticStreetScenes;
import org.seg4j.spark.LocalSpark;
import org.seg4j.spark.data.SplitRef;
import org.seg4j.train.TrainConfig;

class TrainingSweepTest {

    @TempDir
    Path dir;

    @Test
    void eachRunTrainsInItsOwnFolderAndTheTableComesBackSorted() throws java.io.IOException {
        Path data = dir.resolve("synth");
        SyntheticStreetScenes.writeDataset(data, 4, 2, 3, 32, 32);
        TrainConfig base = TrainConfig.fromMap(Map.of("model", "fcn8s", "base_width", 4, "epochs", 1,
                "batch_size", 2, "crop_height", 16, "crop_width", 16, "num_workers", 1), "test");
        List<SweepResult> results = TrainingSweep.builder().setSpark(LocalSpark.session())
                .setTrainData(SplitRef.open(data, null, "train")).optValidationData(SplitRef.open(data, null, "val"))
                .setBaseConfig(base).setOutputDir(dir.resolve("sweep")).optThreads(1)
                .addGrid("seed", List.of(1, 2))
                .addRun(Map.of("model", "no-such-model"))
                .build().run();

        assertThat(results).extracting(SweepResult::name).containsExactlyInAnyOrder("seed-1", "seed-2", "model-no-such-model");
        for (SweepResult r : results.subList(0, 2)) {
            assertThat(r.error()).isNull();
            assertThat(r.bestMetricName()).isEqualTo("val_miou");
            assertThat(r.epochs()).isEqualTo(1);
            try (var files = java.nio.file.Files.walk(Path.of(r.outputDir()))) {
                assertThat(files.map(f -> f.getFileName().toString())).contains("model.json");
            }
        }
        assertThat(results.get(0).bestMetric()).isGreaterThanOrEqualTo(results.get(1).bestMetric());
        assertThat(results.get(2).error()).contains("no-such-model");
        assertThat(results.get(2).bestMetric()).isNaN();
    }

    @Test
    void gridIsTheProductOfItsAxes() {
        TrainingSweep.Builder b = TrainingSweep.builder().addGrid("seed", List.of(1, 2, 3)).addGrid("lr", List.of(0.1, 0.01));
        assertThat(b.runs()).hasSize(6).first().isEqualTo(Map.of("seed", 1, "lr", 0.1));
        assertThat(TrainingSweep.runName(Map.of("lr", 0.01))).isEqualTo("lr-0.01");
        assertThatThrownBy(() -> TrainingSweep.builder().build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrainingSweep.builder().setSpark(LocalSpark.session())
                .setTrainData(new SplitRef("/nowhere", "folder", "train", 1)).setBaseConfig(TrainConfig.defaults())
                .setOutputDir(dir).addRun(Map.of("optimizer", "nope")).build())
                .hasMessageContaining("unknown optimizer 'nope'");
    }
}
