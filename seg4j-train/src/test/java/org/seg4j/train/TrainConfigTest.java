package org.seg4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;

class TrainConfigTest {

    @TempDir
    Path tmp;

    /** The committed CamVid recipe (docs/benchmarks.md) must stay a valid configuration. */
    @Test
    void committedCamvidRecipeParses() {
        TrainConfig c = TrainConfig.read(Path.of("../configs/camvid.yaml")); // the module directory is the working directory
        assertThat(c.model()).isEqualTo("deeplabv3plus");
        assertThat(c.encoder()).isEqualTo("resnet18");
        assertThat(c.inputScale()).isEqualTo(0.5);
        assertThat(c.classWeighting()).isEqualTo("inverse-sqrt");
        assertThat(c.timeBudget()).isEqualTo(Duration.ofMinutes(60));
        assertThat(c.hflip()).isTrue();
        assertThat(c.loss()).isEqualTo("ce+dice");
        assertThat(c.scaleMax()).isEqualTo(2.0);
        assertThat(c.normalization().perImage()).isTrue();
    }

    @Test
    void readsYamlWithSnakeCaseKeysAndDefaults() throws Exception {
        Path f = tmp.resolve("train.yaml");
        Files.writeString(f, """
                epochs: 12
                batch_size: 4
                crop_height: 320
                optimizer: SGD
                lr: 0.02
                momentum: 0.95
                nesterov: true
                schedule: cosine
                warmup_steps: 50
                class_weights: [1, 2.5, 0.5]
                time_budget: 1h30m
                """);
        TrainConfig c = TrainConfig.read(f);
        assertThat(c.epochs()).isEqualTo(12);
        assertThat(c.batchSize()).isEqualTo(4);
        assertThat(c.cropHeight()).isEqualTo(320);
        assertThat(c.cropWidth()).isEqualTo(256);
        assertThat(c.optimizer()).isEqualTo("sgd");
        assertThat(c.nesterov()).isTrue();
        assertThat(c.schedule()).isEqualTo("cosine");
        assertThat(c.classWeighting()).isEqualTo("explicit");
        assertThat(c.classWeights()).containsExactly(1f, 2.5f, 0.5f);
        assertThat(c.timeBudget()).isEqualTo(Duration.ofMinutes(90));

        Path saved = tmp.resolve("config.yaml");
        c.write(saved);
        assertThat(Files.readString(saved)).contains("batch_size: 4", "time_budget: 1h30m");
        assertThat(TrainConfig.read(saved)).isEqualTo(c);
        assertThat(TrainConfig.read(saved).hash()).isEqualTo(c.hash());
        assertThat(c.toBuilder().optEpochs(99).build().hash()).isEqualTo(c.hash());
        assertThat(c.toBuilder().optLr(0.5).build().hash()).isNotEqualTo(c.hash());
    }

    @Test
    void unknownKeyListsValidKeys() throws Exception {
        Path f = tmp.resolve("bad.yaml");
        Files.writeString(f, "epochs: 3\nlearning_rate: 0.1\n");
        assertThatThrownBy(() -> TrainConfig.read(f))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("learning_rate")
                .hasMessageContaining("valid keys: epochs, batch_size")
                .hasMessageContaining(f.toString());
    }

    @Test
    void badValuesAreUserErrors() {
        assertThatThrownBy(() -> TrainConfig.fromMap(Map.of("epochs", "many"), "x.yaml"))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("epochs");
        assertThatThrownBy(() -> TrainConfig.fromMap(Map.of("optimizer", "lion"), "x.yaml"))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("adamw");
        assertThatThrownBy(() -> TrainConfig.fromMap(Map.of("class_weighting", "explicit"), "x.yaml"))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("class_weights");
        assertThat(TrainConfig.fromMap(Map.of("class_weighting", "median-frequency"), "x").classWeighting())
                .isEqualTo("median-frequency");
        assertThat(TrainConfig.builder().optValues(Map.of("lr", "0.05", "time-budget", "45m")).build().lr()).isEqualTo(0.05);
    }

    @Test
    void inputNormalizationRoundTripsKeepsOlderHashesAndIsChecked(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        TrainConfig c = TrainConfig.fromMap(Map.of("input_normalization", "Per-Image"), "x.yaml");
        assertThat(c.inputNormalization()).isEqualTo("per-image");
        assertThat(c.normalization().perImage()).isTrue();
        assertThat(TrainConfig.defaults().normalization().perImage()).isFalse();
        java.nio.file.Path file = tmp.resolve("config.yaml");
        c.write(file);
        assertThat(TrainConfig.read(file)).isEqualTo(c);
        assertThat(c.hash()).isNotEqualTo(TrainConfig.defaults().hash());
        assertThat(TrainConfig.defaults().toBuilder().optInputNormalization("fixed").build().hash())
                .as("fixed keeps the hash of runs from before the key (the defaults' hash then)")
                .isEqualTo("167c2a3fe223cc81");
        assertThatThrownBy(() -> TrainConfig.fromMap(Map.of("input_normalization", "imagenet"), "x.yaml"))
                .hasMessageContaining("input_normalization must be fixed or per-image, got 'imagenet'");
    }

    @Test
    void regularisersAndModelSelectionRoundTripAndAreChecked(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        TrainConfig c = TrainConfig.fromMap(Map.of("label_smoothing", "0.1", "blur", "0.3", "noise", "0.02",
                "model_selection", "LAST"), "x.yaml");
        assertThat(c.labelSmoothing()).isEqualTo(0.1);
        assertThat(c.blur()).isEqualTo(0.3);
        assertThat(c.noise()).isEqualTo(0.02);
        assertThat(c.modelSelection()).isEqualTo("last");
        java.nio.file.Path file = tmp.resolve("config.yaml");
        c.write(file);
        assertThat(TrainConfig.read(file)).isEqualTo(c);
        assertThat(c.hash()).isNotEqualTo(TrainConfig.defaults().hash());
        assertThat(TrainConfig.defaults().toBuilder().optModelSelection("best").optLabelSmoothing(0).build().hash())
                .as("defaults keep the hash of older runs").isEqualTo(TrainConfig.defaults().hash());
        assertThatThrownBy(() -> TrainConfig.fromMap(Map.of("label_smoothing", "1"), "x.yaml"))
                .hasMessageContaining("label_smoothing must be in [0, 1)");
        assertThatThrownBy(() -> TrainConfig.fromMap(Map.of("blur", "2"), "x.yaml")).hasMessageContaining("blur");
        assertThatThrownBy(() -> TrainConfig.fromMap(Map.of("noise", "-0.1"), "x.yaml")).hasMessageContaining("noise");
        assertThatThrownBy(() -> TrainConfig.fromMap(Map.of("model_selection", "median"), "x.yaml"))
                .hasMessageContaining("valid: best, last");
    }

    @Test
    void gammaRoundTripsIsCheckedAndAtZeroKeepsOlderHashes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        TrainConfig c = TrainConfig.fromMap(Map.of("gamma", "0.3"), "x.yaml");
        assertThat(c.gamma()).isEqualTo(0.3);
        java.nio.file.Path file = tmp.resolve("config.yaml");
        c.write(file);
        assertThat(TrainConfig.read(file)).isEqualTo(c);
        assertThat(c.hash()).isNotEqualTo(TrainConfig.defaults().hash());
        assertThat(TrainConfig.defaults().toBuilder().optGamma(0).build().hash())
                .as("gamma 0 keeps the hash of runs from before the key").isEqualTo(TrainConfig.defaults().hash());
        assertThat(Augmentations.training(c).toString()).contains("RandomGamma[range=0.3]");
        assertThat(Augmentations.training(TrainConfig.defaults()).toString()).doesNotContain("RandomGamma");
        assertThatThrownBy(() -> TrainConfig.fromMap(Map.of("gamma", "-0.5"), "x.yaml"))
                .hasMessageContaining("gamma must be in [0, 4]");
    }

    @Test
    void copyPasteRoundTripsIsCheckedAndAtZeroKeepsOlderHashes(@TempDir Path tmp) {
        TrainConfig c = TrainConfig.fromMap(Map.of("copy_paste", "0.5", "copy_paste_classes", "[pole, sign_symbol]"),
                "x.yaml");
        assertThat(c.copyPaste()).isEqualTo(0.5);
        assertThat(c.copyPasteClasses()).containsExactly("pole", "sign_symbol");
        java.nio.file.Path file = tmp.resolve("config.yaml");
        c.write(file);
        assertThat(TrainConfig.read(file)).isEqualTo(c);
        assertThat(c.hash()).isNotEqualTo(TrainConfig.defaults().hash());
        assertThat(TrainConfig.defaults().toBuilder().optCopyPaste(0).build().hash())
                .as("copy_paste 0 keeps the hash of runs from before the key").isEqualTo(TrainConfig.defaults().hash());
        org.seg4j.data.ClassMeta camvid = org.seg4j.data.ClassMeta.camvid();
        org.seg4j.transform.ClassPaste paste = TrainingLoaders.classPaste(c, camvid);
        assertThat(paste.probability()).isEqualTo(0.5);
        assertThat(paste.classes()).containsExactly(camvid.idOf("pole"), camvid.idOf("sign_symbol"));
        assertThat(TrainingLoaders.classPaste(TrainConfig.defaults(), camvid)).isNull();
        assertThat(TrainingLoaders.classPaste(TrainConfig.fromMap(Map.of("copy_paste", "1"), "x.yaml"), camvid)
                .classes()).as("no list: ClassMix's random half").isEmpty();
        assertThatThrownBy(() -> TrainingLoaders.classPaste(
                TrainConfig.fromMap(Map.of("copy_paste", "1", "copy_paste_classes", "lamppost"), "x.yaml"), camvid))
                .hasMessageContaining("no class 'lamppost'").hasMessageContaining("sky, building, pole");
        assertThatThrownBy(() -> TrainConfig.fromMap(Map.of("copy_paste", "1.5"), "x.yaml"))
                .hasMessageContaining("copy_paste is a probability and must be in [0, 1], got 1.5");
        TrainConfig off = c.toBuilder().optValues(Map.of("copy_paste", "0")).build();
        assertThat(TrainingLoaders.classPaste(off, camvid)).as("--set copy_paste=0 switches it off").isNull();
        assertThat(off.hash()).isEqualTo(TrainConfig.defaults().hash());
        assertThatThrownBy(() -> TrainConfig.fromMap(Map.of("copy_paste", "0.5", "task", "panoptic"), "x.yaml"))
                .hasMessageContaining("copy_paste works on semantic masks; task panoptic");
    }

    @Test
    void durations() {
        assertThat(TrainConfig.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(TrainConfig.parseDuration("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(TrainConfig.parseDuration("PT15M")).isEqualTo(Duration.ofMinutes(15));
        assertThat(TrainConfig.parseDuration("120")).isEqualTo(Duration.ofMinutes(2));
        assertThat(TrainConfig.formatDuration(Duration.ofSeconds(3725))).isEqualTo("1h2m5s");
        assertThatThrownBy(() -> TrainConfig.parseDuration("soon")).isInstanceOf(Seg4jException.class);
    }

    @Test
    void medianFrequencyFromSamples() {
        byte[] m0 = {0, 0, 0, 1};
        byte[] m1 = {2, 2, (byte) 255, 0};
        org.seg4j.data.SampleSource src = new org.seg4j.data.SampleSource() {
            public int size() { return 2; }
            public org.seg4j.data.Sample load(int i) {
                return new org.seg4j.data.Sample("s" + i, org.seg4j.data.RgbImage.blank(2, 2),
                        new org.seg4j.data.LabelMask(2, 2, i == 0 ? m0 : m1));
            }
            public String id(int i) { return "s" + i; }
            public org.seg4j.data.ClassMeta classes() {
                return org.seg4j.data.ClassMeta.of(new String[] {"a", "b", "c"}, new int[][] {{0, 0, 0}, {1, 1, 1}, {2, 2, 2}}, 255);
            }
        };
        TrainConfig cfg = TrainConfig.builder().optClassWeighting("median-frequency").build();
        float[] w = ClassWeights.resolve(cfg, src, 3);
        // class 0: 4 px in 8 px of images with it -> 0.5; class 1: 1/4 = 0.25; class 2: 2/4 = 0.5; median 0.5
        assertThat(w).containsExactly(new float[] {1f, 2f, 1f}, org.assertj.core.api.Assertions.within(1e-6f));
        assertThat(ClassWeights.resolve(TrainConfig.defaults(), src, 3)).isNull();
    }

    @Test
    void samplingAndClassWeightsAreChecked() {
        TrainConfig c = TrainConfig.fromMap(Map.of("sampling", "class-aware", "repeat_threshold", 0.2), "t");
        assertThat(c.sampling()).isEqualTo("class-balanced");
        assertThat(TrainConfig.fromMap(c.toMap(), "again")).isEqualTo(c);
        assertThat(TrainConfig.defaults().hash()).as("sampling none keeps older hashes")
                .isEqualTo(TrainConfig.defaults().toBuilder().optRepeatThreshold(0.9).build().hash());
        assertThatThrownBy(
                () -> TrainConfig.fromMap(Map.of("sampling", "rare-first"), "t"))
                .hasMessageContaining("unknown sampling 'rare-first'");
        assertThatThrownBy(
                () -> TrainConfig.builder().optClassWeights(new float[] {1, -0.5f}).build())
                .hasMessageContaining("finite and >= 0");
        assertThatThrownBy(
                () -> TrainConfig.builder().optClassWeights(new float[] {Float.NaN}).build())
                .hasMessageContaining("finite and >= 0");
    }

    @Test
    void groupKeysRoundTripThroughTheFileAndAreChecked(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp)
            throws Exception {
        TrainConfig c = TrainConfig.builder().optGroupBy("^([^_]+)_").optValGroups(java.util.List.of("0016E5"))
                .optTrainGroups(java.util.List.of("0001TP", "0006R0")).build();
        java.nio.file.Path file = tmp.resolve("config.yaml");
        c.write(file);
        TrainConfig back = TrainConfig.read(file);
        assertThat(back.valGroups()).containsExactly("0016E5");
        assertThat(back).isEqualTo(c);
        assertThat(back.hash()).isEqualTo(c.hash()).isNotEqualTo(TrainConfig.defaults().hash());
        assertThat(TrainConfig.fromMap(Map.of("val_groups", "0001TP, 0016E5"), "--set").valGroups())
                .containsExactly("0001TP", "0016E5");
        assertThat(TrainConfig.defaults().toBuilder().optGroupBy("x(y)").build().hash())
                .as("a group key without groups does not change the run").isEqualTo(TrainConfig.defaults().hash());

        java.nio.file.Files.writeString(file, "val_groups: [0016E5]\n");
        assertThatThrownBy(() -> TrainConfig.read(file)).hasMessageContaining("bad value for val_groups")
                .hasMessageContaining("quote names that look like numbers");
        assertThatThrownBy(() -> TrainConfig.builder().optValGroups(java.util.List.of("a", "b"))
                .optTrainGroups(java.util.List.of("b")).build())
                .hasMessageContaining("group b in both train_groups and val_groups");
    }

    @Test
    void normAndBiasParametersGetNoWeightDecayByDefault() {
        // chosen by the A/B in docs/benchmarks.md ("Weight decay on norm and bias parameters")
        assertThat(TrainConfig.defaults().normDecayMult()).isZero();
        assertThat(TrainConfig.defaults().biasDecayMult()).isZero();
        assertThat(TrainConfig.read(Path.of("../configs/camvid.yaml")).normDecayMult()).isZero();
    }
}
