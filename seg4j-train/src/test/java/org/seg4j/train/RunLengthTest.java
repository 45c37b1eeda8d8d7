package org.seg4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunLengthTest {

    private static TrainConfig.Builder config() {
        return TrainConfig.builder().optEpochs(100).optWarmupSteps(0);
    }

    @Test
    void epochsAloneSpanEveryStepOfEveryEpoch() {
        RunLength l = new RunLength(config().optEpochs(3).build(), 4);
        assertThat(l.totalSteps()).isEqualTo(12);
        assertThat(l.epochs()).isEqualTo(3);
        assertThat(l.budgetDriven()).isFalse();
        assertThat(l.reached(12)).as("a run sized by epochs ends with its last epoch").isFalse();
        l.reestimate(6, 1.0);
        assertThat(l.totalSteps()).isEqualTo(12);
    }

    @Test
    void fixedStepsSetTheScheduleTheEpochsAndTheEnd() {
        RunLength l = new RunLength(config().optEpochs(2).optSteps(10).optTimeBudget(Duration.ofSeconds(5)).build(), 4);
        assertThat(l.totalSteps()).isEqualTo(10);
        assertThat(l.epochs()).as("ceil(10 / 4), whatever epochs says").isEqualTo(3);
        assertThat(l.budgetDriven()).isFalse();
        assertThat(l.reached(9)).isFalse();
        assertThat(l.reached(10)).isTrue();
        l.reestimate(5, 100.0); // slow, but the count is fixed
        assertThat(l.totalSteps()).isEqualTo(10);
        assertThat(l.schedule().totalSteps()).isEqualTo(10);
    }

    @Test
    void aBudgetIsTurnedIntoStepsAtTheSpeedSoFar() {
        RunLength l = new RunLength(config().optTimeBudget(Duration.ofSeconds(60)).build(), 10);
        assertThat(l.totalSteps()).as("before any measurement: the epochs").isEqualTo(1000);
        l.reestimate(40, 8.0); // 5 steps/s for 60 s
        assertThat(l.totalSteps()).isEqualTo(300);
        assertThat(l.reached(299)).isFalse();
        assertThat(l.reached(300)).isTrue();
        l.reestimate(100, 30.0); // slower since: 200 in the budget
        assertThat(l.totalSteps()).isEqualTo(200);
        assertThat(l.cutByBudget()).isTrue();
        l.reestimate(10, 0.01); // never beyond the epochs
        assertThat(l.totalSteps()).isEqualTo(1000);
        assertThat(l.cutByBudget()).as("every epoch fits: the budget did not stop the run").isFalse();
        l.reestimate(50, 70.0); // over budget: the run is over at the step it stands
        assertThat(l.totalSteps()).isEqualTo(50);
    }

    @Test
    void aCheckpointsPlanIsKeptOnlyUnderTheSameSettings() {
        TrainConfig hour = config().optTimeBudget(Duration.ofHours(1)).build();
        RunLength saved = new RunLength(hour, 10);
        saved.reestimate(100, 360.0);
        assertThat(saved.totalSteps()).isEqualTo(1000);

        RunLength same = new RunLength(hour, 10);
        assertThat(same.restore(saved.totalSteps(), saved.basis(), 100, 360.0)).isTrue();
        assertThat(same.totalSteps()).isEqualTo(1000);

        // a longer budget plans again from where the run stands: 100 steps in 360 s of 7200 s
        RunLength longer = new RunLength(config().optEpochs(1000).optTimeBudget(Duration.ofHours(2)).build(), 10);
        assertThat(longer.restore(saved.totalSteps(), saved.basis(), 100, 360.0)).isFalse();
        assertThat(longer.totalSteps()).isEqualTo(2000);

        // an old checkpoint without a plan
        RunLength old = new RunLength(hour, 10);
        assertThat(old.restore(0, null, 100, 360.0)).isFalse();
        assertThat(old.totalSteps()).isEqualTo(1000);
    }

    @Test
    void stepsIsAConfigKeyLeftOutOfTheHash() {
        TrainConfig c = TrainConfig.fromMap(Map.of("steps", 1756, "time_budget", "60m"), "t");
        assertThat(c.steps()).isEqualTo(1756);
        assertThat(c.toMap()).containsEntry("steps", 1756L);
        assertThat(TrainConfig.fromMap(c.toMap(), "again")).isEqualTo(c);
        assertThat(c.hash()).isEqualTo(TrainConfig.defaults().hash());
        assertThat(TrainConfig.defaults().toMap()).containsEntry("steps", null);
        assertThatThrownBy(() -> TrainConfig.fromMap(Map.of("steps", -3), "t")).hasMessageContaining("steps");
    }
}
