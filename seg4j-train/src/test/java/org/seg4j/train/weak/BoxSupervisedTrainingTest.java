package org.seg4j.train.weak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.data.DatasetFixtures;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.boxes.Box;
import org.seg4j.data.boxes.BoxLabels;
import org.seg4j.train.TrainConfig;

class BoxSupervisedTrainingTest {

    @TempDir
    Path tmp;

    @Test
    void splitsTheEpochsAndTheBudgetOverTheRounds() {
        SegmentationDataset ds = SegmentationDataset.open(DatasetFixtures.folder(tmp.resolve("d"), "a", "b"), null,
                "all");
        BoxLabels boxes = new BoxLabels(ds.classes().names(), Map.of(
                "a", new BoxLabels.ImageBoxes(4, 3, List.of(new Box(0, 0, 0, 4, 3))),
                "b", new BoxLabels.ImageBoxes(4, 3, List.of())));
        TrainConfig cfg = TrainConfig.builder().optEpochs(7).optBatchSize(1).optWarmupSteps(50)
                .optTimeBudget(java.time.Duration.ofMinutes(9)).build();
        BoxSupervisedTraining t = BoxSupervisedTraining.builder().setTrainData(ds).setConfig(cfg).setBoxes(boxes)
                .setOutputDir(tmp.resolve("out")).optRounds(3).build();
        assertThat(t.roundConfig(1).epochs()).isEqualTo(3);
        assertThat(t.roundConfig(2).epochs()).isEqualTo(2);
        assertThat(t.roundConfig(3).epochs()).isEqualTo(2);
        assertThat(t.roundConfig(1).warmupSteps()).isEqualTo(50);
        assertThat(t.roundConfig(2).warmupSteps()).isEqualTo(0);
        assertThat(t.roundConfig(3).timeBudget()).isEqualTo(java.time.Duration.ofMinutes(3));

        assertThatThrownBy(() -> BoxSupervisedTraining.builder().setTrainData(ds).setConfig(cfg).setBoxes(boxes)
                .setOutputDir(tmp.resolve("out")).optRounds(8).build())
                .isInstanceOf(Seg4jException.class).hasMessageContaining("between 1 and the number of epochs (7)");
        BoxLabels other = new BoxLabels(List.of("x"), Map.of());
        assertThatThrownBy(() -> BoxSupervisedTraining.builder().setTrainData(ds).setConfig(cfg).setBoxes(other)
                .setOutputDir(tmp.resolve("out")).build())
                .isInstanceOf(Seg4jException.class).hasMessageContaining("differ from the data set's");
    }
}
