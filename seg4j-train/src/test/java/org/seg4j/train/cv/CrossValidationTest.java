package org.seg4j.train.cv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.group.GroupFixtures;
import org.seg4j.data.group.GroupKey;
import org.seg4j.data.group.SampleGroups;
import org.seg4j.model.ModelDirectory;
import org.seg4j.train.TrainConfig;
import org.seg4j.util.Json;

/** Leave-one-group-out on a tiny CamVid-named data set: three sequences of two 16x16 frames, one epoch. */
class CrossValidationTest {

    private static final List<String> GROUPS = List.of("0001TP", "0006R0", "0016E5");

    @TempDir
    Path tmp;

    private SegmentationDataset train;
    private ByteArrayOutputStream log;

    @BeforeEach
    void data() {
        GroupFixtures.camvid(tmp.resolve("data"), "train", 2, 16, 16, GROUPS.toArray(String[]::new));
        train = SegmentationDataset.open(tmp.resolve("data"), "camvid", "train");
    }

    private static TrainConfig tiny() {
        return TrainConfig.fromMap(Map.of("model", "fcn8s", "base_width", 4, "epochs", 1, "batch_size", 2,
                "crop_height", 16, "crop_width", 16, "num_workers", 1, "warmup_steps", 0), "test");
    }

    private CvSummary run(Path out, TrainConfig config) {
        log = new ByteArrayOutputStream();
        return CrossValidation.builder().setData(train).setConfig(config).setOutputDir(out)
                .optLog(new PrintStream(log, true, StandardCharsets.UTF_8)).build().run();
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    @Test
    void eachFoldHoldsOutOneGroupTrainsOnTheOthersAndIsSummarised() throws Exception {
        Path out = tmp.resolve("cv");
        CvSummary summary = run(out, tiny());
        SampleGroups groups = SampleGroups.of(train, GroupKey.forLayout("camvid").orElseThrow());

        assertThat(summary.folds()).extracting(f -> f.state().heldOut()).containsExactly(
                List.of("0001TP"), List.of("0006R0"), List.of("0016E5"));
        List<Double> miou = new ArrayList<>();
        List<Double> acc = new ArrayList<>();
        for (String g : GROUPS) {
            Path dir = out.resolve("fold-" + g);
            FoldState state = FoldState.read(dir);
            assertThat(state.finished()).isTrue();
            assertThat(state.trainImages()).isEqualTo(4);
            assertThat(state.validationImages()).isEqualTo(2);
            // the model was trained on exactly the other groups' samples, none of the held-out group's
            String trainedOn = ModelDirectory.readManifest(dir).provenance().datasetFingerprint();
            assertThat(trainedOn).isEqualTo(groups.exclude(List.of(g), "test").fingerprint())
                    .isNotEqualTo(train.fingerprint());
            assertThat(TrainConfig.read(dir.resolve(TrainConfig.FILE_NAME)).valGroups()).containsExactly(g);
            JsonNode metrics = Json.JSON.readTree(dir.resolve("eval-heldout/metrics.json").toFile());
            assertThat(metrics.get("numImages").asInt()).isEqualTo(2);
            miou.add(metrics.get("mIoU").asDouble());
            acc.add(metrics.get("pixelAccuracy").asDouble());
        }
        assertThat(log()).contains("cv: 3 groups in split train by regex ^([^_]+)_ on the file name")
                .contains("fold 1/3 (0001TP): training on 4 images, validating on 2 held-out images (0001TP)")
                .contains("3 of 3 folds done");

        // mean and sample standard deviation by hand, from the folds' own eval reports
        double mean = (miou.get(0) + miou.get(1) + miou.get(2)) / 3;
        double var = (Math.pow(miou.get(0) - mean, 2) + Math.pow(miou.get(1) - mean, 2)
                + Math.pow(miou.get(2) - mean, 2)) / 2;
        JsonNode cv = Json.JSON.readTree(out.resolve("cv.json").toFile());
        assertThat(cv.at("/mIoU/mean").asDouble()).isCloseTo(mean, within(1e-9));
        assertThat(cv.at("/mIoU/std").asDouble()).isCloseTo(Math.sqrt(var), within(1e-9));
        assertThat(cv.at("/pixelAccuracy/mean").asDouble())
                .isCloseTo((acc.get(0) + acc.get(1) + acc.get(2)) / 3, within(1e-9));
        assertThat(cv.at("/folds/2/heldOut/0").asText()).isEqualTo("0016E5");
        assertThat(cv.at("/classIoU/sky/folds").asInt()).isBetween(0, 3);
        String md = Files.readString(out.resolve("cv.md"));
        assertThat(md).contains("# Cross-validation: leave-one-group-out, 3 folds")
                .contains(String.format(java.util.Locale.ROOT, "**mIoU %.1f%% ± %.1f%%", 100 * mean,
                        100 * Math.sqrt(var)))
                .contains("| 0016E5 | 0016E5 | 4 | 2 | 1 |").contains("| sky |");
    }

    @Test
    void finishedFoldsAreNotRetrained() throws Exception {
        Path out = tmp.resolve("cv");
        run(out, tiny());
        Path weights = out.resolve("fold-0006R0").resolve(ModelDirectory.WEIGHTS);
        FileTime before = Files.getLastModifiedTime(weights);
        // a fold lost entirely is trained again; the others are reused
        org.seg4j.util.AtomicFiles.deleteRecursively(out.resolve("fold-0016E5"));

        CvSummary again = run(out, tiny());
        assertThat(log()).contains("fold 1/3 (0001TP): finished model in " + out.resolve("fold-0001TP")
                + ", not retrained").contains("fold 2/3 (0006R0): finished model in")
                .contains("fold 3/3 (0016E5): training on 4 images");
        assertThat(Files.getLastModifiedTime(weights)).isEqualTo(before);
        assertThat(again.folds()).extracting(FoldResult::trainedNow).containsExactly(false, false, true);
    }

    @Test
    void someFoldsRunNowAndTheRestLaterIntoTheSameFolder() throws Exception {
        Path out = tmp.resolve("cv");
        log = new ByteArrayOutputStream();
        CvSummary one = CrossValidation.builder().setData(train).setConfig(tiny()).setOutputDir(out)
                .optOnlyFolds(List.of("0006R0")).optLog(new PrintStream(log, true, StandardCharsets.UTF_8))
                .build().run();
        assertThat(one.folds()).extracting(f -> f.state().heldOut()).containsExactly(List.of("0006R0"));
        assertThat(one.meanIoU().count()).isEqualTo(1);
        assertThat(one.meanIoU().std()).isNaN();
        assertThat(log()).contains("leave-one-group-out (only 0006R0 of 0001TP, 0006R0, 0016E5), 1 fold ->");
        assertThat(out.resolve("fold-0001TP")).doesNotExist();
        assertThat(Files.readString(out.resolve("cv.md"))).startsWith(
                "# Cross-validation: leave-one-group-out (only 0006R0 of 0001TP, 0006R0, 0016E5), 1 fold\n");
        FileTime trained = Files.getLastModifiedTime(out.resolve("fold-0006R0").resolve(ModelDirectory.WEIGHTS));

        CvSummary all = run(out, tiny());
        assertThat(all.folds()).extracting(FoldResult::trainedNow).containsExactly(true, false, true);
        assertThat(all.folds().get(1).metrics().meanIoU()).isEqualTo(one.folds().get(0).metrics().meanIoU());
        assertThat(Files.getLastModifiedTime(out.resolve("fold-0006R0").resolve(ModelDirectory.WEIGHTS)))
                .isEqualTo(trained);
        assertThat(Json.JSON.readTree(out.resolve("cv.json").toFile()).get("scheme").asText())
                .isEqualTo("leave-one-group-out");
    }

    @Test
    void aFoldTrainedWithAnotherConfigurationIsNotReused() {
        Path out = tmp.resolve("cv");
        run(out, tiny());
        TrainConfig other = tiny().toBuilder().optLr(0.01).build();
        assertThatThrownBy(() -> run(out, other)).isInstanceOf(Seg4jException.class)
                .hasMessageContaining("fold-0001TP holds fold 1/3 (0001TP) trained with another configuration");
    }

    @Test
    void badSetupsFailBeforeAnyTraining() {
        Path out = tmp.resolve("cv");
        TrainConfig chosen = tiny().toBuilder().optValGroups(List.of("0016E5")).build();
        assertThatThrownBy(() -> CrossValidation.builder().setData(train).setConfig(chosen).setOutputDir(out).build())
                .hasMessageContaining("chooses each fold's groups itself");
        assertThatThrownBy(() -> CrossValidation.builder().setData(train).setConfig(tiny()).setOutputDir(out)
                .optFolds("4").build()).hasMessageContaining("--folds 4: need between 2 and the number of groups (3)");
        assertThatThrownBy(() -> CrossValidation.builder().setData(train).setConfig(tiny()).setOutputDir(out)
                .optGroupKey(GroupKey.regex("^(\\d+)_")).build()).hasMessageContaining("0001TP_00000.png");
        assertThatThrownBy(() -> CrossValidation.builder().setData(train).setConfig(tiny()).setOutputDir(out)
                .optOnlyFolds(List.of("0006R0", "Seq05VD")).build())
                .hasMessageContaining("--only-folds Seq05VD: no such fold; the folds are 0001TP, 0006R0, 0016E5");
        assertThat(out).doesNotExist();
    }
}
