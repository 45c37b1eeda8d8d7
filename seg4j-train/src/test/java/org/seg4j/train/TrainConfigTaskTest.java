package org.seg4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;

/** The {@code task} key, the panoptic loss weights and the video clip keys of a training configuration. */
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
        assertThatThrownBy(() -> TrainConfig.fromMap(Map.of("task", "detection"), "run.yaml"))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("task must be one of semantic, panoptic, video, instance");
        assertThatThrownBy(() -> TrainConfig.fromMap(Map.of("offset_loss_weight", -1), "run.yaml"))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("offset_loss_weight");
    }

    @Test
    void videoTrainsATemporalModelOnClipsOfTheDefaultLength() {
        TrainConfig c = TrainConfig.fromMap(Map.of("task", "video", "model", "fastscnn"), "test");
        assertThat(c.clipLength()).isEqualTo(TrainConfig.DEFAULT_CLIP_LENGTH);
        assertThat(c.modelOptions()).containsEntry("temporal", "convgru");
        assertThat(TrainConfig.fromMap(c.toMap(), "again")).isEqualTo(c);
        assertThat(c.hash()).isNotEqualTo(TrainConfig.defaults().hash());
        // a clip length alone (files from before the task key) means video
        TrainConfig clips = TrainConfig.fromMap(Map.of("clip_length", 2, "clip_source", "neighbours"), "old.yaml");
        assertThat(clips.task()).isEqualTo(TrainConfig.TASK_VIDEO);
        assertThat(clips.clipLength()).isEqualTo(2);
        // panoptic weights do not belong to a video run's identity
        assertThat(c.toBuilder().optPanopticLossWeights(1, 1).build().hash()).isEqualTo(c.hash());
    }

    @Test
    void clipsBelongToTheVideoTaskOnly() {
        assertThatThrownBy(() -> TrainConfig.fromMap(Map.of("task", "panoptic", "clip_length", 4), "run.yaml"))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("clip_length 4")
                .hasMessageContaining("task is 'panoptic'");
        assertThatThrownBy(() -> TrainConfig.defaults().toBuilder().optClipLength(3).build())
                .isInstanceOf(Seg4jException.class).hasMessageContaining("needs task video");
        assertThatThrownBy(() -> TrainConfig.fromMap(Map.of("task", "video", "model_options",
                Map.of("temporal", "none")), "run.yaml"))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("temporal is 'none'");
    }

    @Test
    void memoryOnlyTrainingIsAVideoSettingThatChangesTheHash() {
        TrainConfig video = TrainConfig.fromMap(Map.of("task", "video", "model", "fastscnn"), "test");
        assertThat(video.temporalTrain()).isEqualTo("all");
        TrainConfig memory = TrainConfig.fromMap(Map.of("task", "video", "model", "fastscnn",
                "temporal_train", "Memory"), "test");
        assertThat(memory.temporalTrain()).isEqualTo("memory");
        assertThat(TrainConfig.fromMap(memory.toMap(), "again")).isEqualTo(memory);
        assertThat(memory.hash()).isNotEqualTo(video.hash());
        // the default keeps the hash of runs from before the key
        assertThat(TrainConfig.fromMap(Map.of("task", "video", "model", "fastscnn", "temporal_train", "all"), "x")
                .hash()).isEqualTo(video.hash());
        assertThatThrownBy(() -> TrainConfig.fromMap(Map.of("temporal_train", "memory"), "run.yaml"))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("needs task video");
        assertThatThrownBy(() -> TrainConfig.fromMap(Map.of("task", "video", "temporal_train", "decoder"), "run.yaml"))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("temporal_train must be one of all, memory");
    }

    @Test
    void temporalConsistencyIsAVideoWeightThatChangesTheHash() {
        TrainConfig video = TrainConfig.fromMap(Map.of("task", "video", "model", "fastscnn"), "test");
        assertThat(video.temporalConsistency()).isZero();
        TrainConfig consistent = TrainConfig.fromMap(Map.of("task", "video", "model", "fastscnn",
                "temporal_consistency", 2.5), "test");
        assertThat(consistent.temporalConsistency()).isEqualTo(2.5);
        assertThat(TrainConfig.fromMap(consistent.toMap(), "again")).isEqualTo(consistent);
        assertThat(consistent.hash()).isNotEqualTo(video.hash());
        assertThat(TrainConfig.fromMap(Map.of("task", "video", "model", "fastscnn", "temporal_consistency", 0), "x")
                .hash()).isEqualTo(video.hash());
        assertThatThrownBy(() -> TrainConfig.fromMap(Map.of("temporal_consistency", 1), "run.yaml"))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("needs task video");
        assertThatThrownBy(() -> TrainConfig.fromMap(Map.of("task", "video", "temporal_consistency", -1), "run.yaml"))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("temporal_consistency must be a finite weight");
    }

    @Test
    void clipFrameJitterIsAVideoSettingThatChangesTheHash() {
        TrainConfig video = TrainConfig.fromMap(Map.of("task", "video", "model", "fastscnn"), "test");
        assertThat(video.clipFrameJitter()).isZero();
        TrainConfig jittered = TrainConfig.fromMap(Map.of("task", "video", "model", "fastscnn",
                "clip_frame_jitter", 0.1), "test");
        assertThat(jittered.clipFrameJitter()).isEqualTo(0.1);
        assertThat(TrainConfig.fromMap(jittered.toMap(), "again")).isEqualTo(jittered);
        assertThat(jittered.hash()).isNotEqualTo(video.hash());
        assertThat(TrainConfig.fromMap(Map.of("task", "video", "model", "fastscnn", "clip_frame_jitter", 0), "x")
                .hash()).isEqualTo(video.hash());
        assertThatThrownBy(() -> TrainConfig.fromMap(Map.of("clip_frame_jitter", 0.1), "run.yaml"))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("needs task video");
        assertThatThrownBy(() -> TrainConfig.fromMap(Map.of("task", "video", "clip_frame_jitter", 2), "run.yaml"))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("clip_frame_jitter must be in [0, 1]");
    }
}
