package org.seg4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.group.GroupFixtures;
import org.seg4j.train.TrainConfig;
import org.seg4j.util.Json;

/** train --val-groups, cv and eval --eval-groups on a tiny CamVid-named data set of three sequences. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GroupCommandsTest {

    private static final String[] TINY = {"--set", "model=fcn8s", "--set", "base_width=4", "--set", "batch_size=2",
        "--set", "crop_height=16", "--set", "crop_width=16", "--set", "num_workers=1", "--epochs", "1"};

    @TempDir
    static Path tmp;

    static Path data;

    @BeforeAll
    static void generate() {
        data = GroupFixtures.camvid(tmp.resolve("camvid"), "train", 2, 16, 16, "0001TP", "0006R0", "0016E5");
    }

    private static String[] args(String... head) {
        String[] all = new String[head.length + TINY.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(TINY, 0, all, head.length, TINY.length);
        return all;
    }

    @Test
    @Order(1)
    void trainHoldsOutWholeSequences() throws Exception {
        Path run = tmp.resolve("run");
        CliRunner.Run r = CliRunner.run(args("train", "--data", data.toString(), "--layout", "camvid", "--out",
                run.toString(), "--val-groups", "0016E5"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("3 groups in split train by regex ^([^_]+)_ on the file name: 0001TP (2), "
                + "0006R0 (2), 0016E5 (2)")
                .contains("on 4 images (train), validating on 2 (train groups 0016E5)");
        assertThat(TrainConfig.read(run.resolve("config.yaml")).valGroups()).containsExactly("0016E5");
    }

    @Test
    @Order(2)
    void unknownGroupsAndUnmatchedFileNamesAreErrors() {
        CliRunner.Run unknown = CliRunner.run(args("train", "--data", data.toString(), "--layout", "camvid",
                "--out", tmp.resolve("bad").toString(), "--val-groups", "Seq05VD"));
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.err()).contains("--val-groups: unknown group Seq05VD; split 'train' has the groups "
                + "0001TP (2), 0006R0 (2), 0016E5 (2)");
        CliRunner.Run unmatched = CliRunner.run(args("train", "--data", data.toString(), "--layout", "camvid",
                "--out", tmp.resolve("bad").toString(), "--val-groups", "1", "--group-by", "^(\\d+)_"));
        assertThat(unmatched.exitCode()).isNotZero();
        assertThat(unmatched.err()).contains("0001TP_00000.png: the file name does not match the group pattern");
        CliRunner.Run both = CliRunner.run(args("train", "--data", data.toString(), "--out",
                tmp.resolve("bad").toString(), "--val-groups", "0016E5", "--val-split", "none"));
        assertThat(both.err()).contains("--val-split none cannot be used with it");
    }

    @Test
    @Order(3)
    void cvRunsEveryFoldWritesTheSummaryAndResumes() throws Exception {
        Path out = tmp.resolve("cv");
        CliRunner.Run r = CliRunner.run(args("cv", "--data", data.toString(), "--out", out.toString()));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("cross-validation (3 folds): mIoU");
        assertThat(out.resolve("cv.md")).isRegularFile();
        JsonNode cv = Json.JSON.readTree(out.resolve("cv.json").toFile());
        assertThat(cv.get("folds")).hasSize(3);
        assertThat(cv.get("scheme").asText()).isEqualTo("leave-one-group-out");
        assertThat(org.seg4j.train.TrainConfig.read(out.resolve("fold-0016E5/config.yaml")).modelSelection())
                .as("cv scores each fold's last epoch unless told otherwise").isEqualTo("last");

        CliRunner.Run again = CliRunner.run(args("cv", "--data", data.toString(), "--out", out.toString()));
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).contains("fold 3/3 (0016E5): finished model in").contains("not retrained")
                .doesNotContain("training on");
        assertThat(Json.JSON.readTree(out.resolve("cv.json").toFile()).at("/mIoU/mean").asDouble())
                .isEqualTo(cv.at("/mIoU/mean").asDouble());

        CliRunner.Run one = CliRunner.run(args("cv", "--data", data.toString(), "--out", out.toString(),
                "--only-folds", "0016E5"));
        assertThat(one.exitCode()).as(one.err()).isZero();
        assertThat(one.out()).containsPattern("cross-validation \\(1 fold\\): mIoU \\d+\\.\\d%, global accuracy");
        CliRunner.Run unknown = CliRunner.run(args("cv", "--data", data.toString(), "--out", out.toString(),
                "--only-folds", "0016E"));
        assertThat(unknown.err()).contains("--only-folds 0016E: no such fold; the folds are 0001TP, 0006R0, 0016E5");
    }

    @Test
    @Order(4)
    void evalScoresOneHeldOutGroupLikeTheFold() throws Exception {
        Path fold = tmp.resolve("cv/fold-0016E5");
        CliRunner.Run r = CliRunner.run("eval", "--model", fold.toString(), "--data", data.toString(), "--split",
                "train", "--eval-groups", "0016E5");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("on 2 images of").contains("(groups 0016E5)");
        JsonNode metrics = Json.JSON.readTree(fold.resolve("eval-train-0016E5/metrics.json").toFile());
        JsonNode inCv = Json.JSON.readTree(fold.resolve("eval-heldout/metrics.json").toFile());
        assertThat(metrics.get("numImages").asInt()).isEqualTo(2);
        assertThat(metrics.get("confusionMatrix")).isEqualTo(inCv.get("confusionMatrix"));
    }
}
