package org.seg4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.DatasetFixtures;
import org.seg4j.data.PngFiles;
import org.seg4j.data.RgbImage;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.boxes.BoxLabels;
import org.seg4j.util.Json;

/** The {@code seg4j data} subcommands end to end on tiny data sets the test writes. */
class DataCommandTest {

    @TempDir
    static Path tmp;

    static Path synth;

    @BeforeAll
    static void synthData() {
        synth = tmp.resolve("synth");
        CliRunner.Run r = CliRunner.run("synth", "--out", synth.toString(), "--count", "6", "--val-count", "2",
                "--size", "32x48", "--seed", "5");
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void validateExitsNonZeroOnErrorsAndWritesJson() throws Exception {
        Path bad = DatasetFixtures.folder(tmp.resolve("bad"), "a", "b");
        Files.delete(bad.resolve("masks/b.png"));
        Path json = tmp.resolve("reports/validate.json");
        CliRunner.Run r = CliRunner.run("data", "validate", "--data", bad.toString(), "--report-json", json.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains("1 errors").contains("b.png: no mask for this image");
        JsonNode report = Json.JSON.readTree(json.toFile());
        assertThat(report.get("errors").asInt()).isEqualTo(1);
        assertThat(report.at("/splits/0/errors/0/id").asText()).isEqualTo("b");

        CliRunner.Run ok = CliRunner.run("data", "validate", "--data", synth.toString());
        assertThat(ok.exitCode()).as(ok.out() + ok.err()).isZero();
        assertThat(ok.out()).contains("0 errors");
    }

    @Test
    void validateAndStatsWarnAboutBinaryMasksReadAsVoid() throws Exception {
        Path bin = DatasetFixtures.binaryFolder(tmp.resolve("bin"), DatasetFixtures.BINARY_CLASSES_WITHOUT_VALUES,
                "a", "b");
        Path json = tmp.resolve("reports/bin.json");
        CliRunner.Run r = CliRunner.run("data", "validate", "--data", bin.toString(), "--max-void", "0.4",
                "--report-json", json.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("0 errors, 2 warnings")
                .contains("warning: split all: class cell (id 1) has no pixels in the 2 masks")
                .contains("values: {0: membrane, 255: cell}");
        assertThat(Json.JSON.readTree(json.toFile()).get("warnings").asInt()).isEqualTo(2);
        CliRunner.Run stats = CliRunner.run("data", "stats", "--data", bin.toString(), "--out",
                tmp.resolve("bin-stats").toString());
        assertThat(stats.out()).contains("warning: split all: class cell (id 1) has no pixels");
        CliRunner.Run badOption = CliRunner.run("data", "validate", "--data", bin.toString(), "--max-void", "50");
        assertThat(badOption.exitCode()).isNotZero();
        assertThat(badOption.err()).contains("--max-void must be a share between 0 and 1, got 50.0");
    }

    @Test
    void statsWritesWeightsThatTrainAccepts() throws Exception {
        Path out = tmp.resolve("stats");
        CliRunner.Run r = CliRunner.run("data", "stats", "--data", synth.toString(), "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("split train").contains("split val").contains("image sizes: 48x32 x6");
        assertThat(out.resolve("class-histogram.png")).isRegularFile();
        assertThat(Json.JSON.readTree(out.resolve("stats.json").toFile()).at("/splits/train/images").asInt())
                .isEqualTo(6);
        TrainCommand train = new TrainCommand();
        picocli.CommandLine cli = new picocli.CommandLine(train);
        cli.parseArgs("--data", synth.toString(), "--out", tmp.resolve("unused").toString(), "--class-weights",
                out.resolve("class-weights-inverse-sqrt.yaml").toString(), "--sampling", "class-aware");
        var cfg = train.resolveConfig();
        assertThat(cfg.classWeighting()).isEqualTo("explicit");
        assertThat(cfg.classWeights()).hasSize(SegmentationDataset.open(synth, null, "train").classes().numClasses());
        assertThat(cfg.sampling()).isEqualTo("class-balanced");
    }

    @Test
    void browseDrawsTheTrainingCropsWithCopyPaste() throws Exception {
        Path png = tmp.resolve("browse/crops.png");
        CliRunner.Run r = CliRunner.run("data", "browse", "--data", synth.toString(), "--set", "crop_height=16",
                "--set", "crop_width=24", "--set", "batch_size=3", "--set", "copy_paste=1", "--batches", "2",
                "--out", png.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("6 crops of 24x16 (2 batches of epoch 0, 6 training images)");
        java.awt.image.BufferedImage sheet = javax.imageio.ImageIO.read(png.toFile());
        // three crops a row, each image above its label, with a caption and 4-pixel gaps
        assertThat(sheet.getWidth()).isEqualTo(3 * (24 + 4) + 4);
        assertThat(sheet.getHeight()).isEqualTo(2 * (2 * 16 + 16 + 4) + 4);

        CliRunner.Run bad = CliRunner.run("data", "browse", "--data", synth.toString(), "--set", "copy_paste=1",
                "--set", "copy_paste_classes=lamppost", "--out", tmp.resolve("browse/bad.png").toString());
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("copy_paste_classes: the data set has no class 'lamppost'");
        assertThat(tmp.resolve("browse/bad.png")).doesNotExist();
    }

    @Test
    void sharpnessReportAndFilterLeaveTheSourceAlone() throws Exception {
        Path data = tmp.resolve("blur");
        CliRunner.run("synth", "--out", data.toString(), "--count", "5", "--val-count", "1", "--size", "32x48");
        PngFiles.writeRgb(data.resolve("train/images/street_000002.png"), RgbImage.blank(48, 32));
        Path report = tmp.resolve("sharp");
        CliRunner.Run r = CliRunner.run("data", "sharpness", "--data", data.toString(), "--report", report.toString(),
                "--top", "3");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("street_000002");
        assertThat(report.resolve("blurriest.png")).isRegularFile();
        assertThat(Files.readString(report.resolve("report.html"))).contains("street_000002");

        Path out = tmp.resolve("filtered");
        CliRunner.Run f = CliRunner.run("data", "filter", "--data", data.toString(), "--min-sharpness", "1",
                "--out", out.toString());
        assertThat(f.exitCode()).as(f.err()).isZero();
        assertThat(f.out()).contains("split train: kept 4, dropped 1");
        assertThat(out.resolve("train/images/street_000002.png")).doesNotExist();
        assertThat(out.resolve("train/images/street_000001.png")).isRegularFile();
        assertThat(data.resolve("train/images/street_000002.png")).isRegularFile();
    }

    @Test
    void convertBetweenLayoutsAndFromCoco() throws Exception {
        Path cs = tmp.resolve("cs");
        CliRunner.Run r = CliRunner.run("data", "convert", "--data", synth.toString(), "--to", "cityscapes",
                "--masks", "color", "--out", cs.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(SegmentationDataset.open(cs, null, "val").size()).isEqualTo(2);

        Path img = tmp.resolve("coco/images");
        org.seg4j.data.TestImages.rgbPng(img.resolve("x.png"), 4, 4);
        Files.writeString(tmp.resolve("coco/ann.json"), """
                {"images": [{"id": 1, "file_name": "x.png", "width": 4, "height": 4}],
                 "categories": [{"id": 5, "name": "dog"}],
                 "annotations": [{"id": 1, "image_id": 1, "category_id": 5, "area": 4,
                                  "segmentation": [[0, 0, 2, 0, 2, 2, 0, 2]]}]}
                """);
        Path out = tmp.resolve("coco-voc");
        CliRunner.Run c = CliRunner.run("data", "convert", "--coco", tmp.resolve("coco/ann.json").toString(),
                "--images", img.toString(), "--to", "voc", "--out", out.toString());
        assertThat(c.exitCode()).as(c.err()).isZero();
        var mask = SegmentationDataset.open(out, "voc", "train").loadMask(0);
        assertThat(mask.get(1, 1)).isEqualTo(1);
        assertThat(mask.get(3, 3)).isZero();

        CliRunner.Run both = CliRunner.run("data", "convert", "--data", synth.toString(), "--labelme",
                tmp.toString(), "--to", "folder", "--out", tmp.resolve("x").toString());
        assertThat(both.exitCode()).isEqualTo(1);
        assertThat(both.err()).contains("exactly one source");
    }

    @Test
    void boxesThenBoxSupervisedTraining() throws Exception {
        Path boxes = tmp.resolve("boxes.json");
        CliRunner.Run b = CliRunner.run("data", "boxes", "--data", synth.toString(), "--out", boxes.toString(),
                "--min-area", "4");
        assertThat(b.exitCode()).as(b.err()).isZero();
        BoxLabels labels = BoxLabels.read(boxes);
        assertThat(labels.images()).hasSize(6);
        assertThat(labels.boxCount()).isPositive();

        Path run = tmp.resolve("boxrun");
        CliRunner.Run t = CliRunner.run("train", "--data", synth.toString(), "--out", run.toString(), "--width", "4",
                "--epochs", "2", "--batch-size", "3", "--crop", "32x48", "--box-labels", boxes.toString(),
                "--box-rounds", "2", "--set", "num_workers=1");
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(t.err()).contains("boxes: initial masks from").contains("round 1 relabelled")
                .contains("round 2/2");
        assertThat(run.resolve("rounds/round-1/model.json")).isRegularFile();
        assertThat(run.resolve("model.json")).isRegularFile();
    }
}
