package org.seg4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;

/** The {@code task} key and the panoptic loss weights of a training configuration. */
class TrainConfigTaskTest {

    @Test
    void semanticByDefaultWithThePapersPanopticWeights() {
        TrainConfig c = TrainConfig.defaults();
        assertThat(c.task()).isEqualTo("semantic");
        assertThat(c.centerLossWeight()).isEqualTo(200);
        assertThat(c.offsetLossWeight()).isEqualTo(0.01);
    }

    @Test
    void panopticSettingsRoundTripAndChangeTheHash() {
        TrainConfig c = TrainConfig.fromMap(Map.of("task", "Panoptic", "center_loss_weight", 100,
                "offset_loss_weight", "0.02"), "test");
        assertThat(c.task()).isEqualTo("panoptic");
        assertThat(TrainConfig.fromMap(c.toMap(), "again")).isEqualTo(c);
        assertThat(c.hash()).isNotEqualTo(TrainConfig.defaults().hash());
        // a semantic run keeps the hash it had before tasks existed
        TrainConfig semantic = TrainConfig.fromMap(Map.of("task", "semantic", "center_loss_weight", 5), "x");
        assertThat(semantic.hash()).isEqualTo(TrainConfig.defaults().hash());
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> TrainConfig.fromMap(Map.of("task", "instance"), "run.yaml"))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("task must be semantic or panoptic");
        assertThatThrownBy(() -> TrainConfig.fromMap(Map.of("offset_loss_weight", -1), "run.yaml"))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("offset_loss_weight");
    }
}
