package org.seg4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.ClassMeta;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;

/** {@code seg4j import} on the DeepLabV3+/ResNet-18 parity fixture (torchvision encoder names under {@code encoder.}). */
class ImportCommandTest {

    @TempDir
    Path tmp;

    private Path weights;
    private Path classes;

    @BeforeEach
    void fixture() throws IOException {
        weights = tmp.resolve("dlv3p.safetensors");
        try (InputStream in = getClass().getResourceAsStream("/parity/deeplabv3plus_resnet18.weights.safetensors")) {
            Files.copy(in, weights);
        }
        classes = tmp.resolve("classes.yaml");
        ClassMeta.of(new String[] {"a", "b", "c"}, new int[][] {{0, 0, 0}, {255, 0, 0}, {0, 255, 0}}, 255)
                .write(classes);
    }

    @Test
    void wholeModelImportWritesALoadableModelDirectory() {
        Path out = tmp.resolve("model");
        CliRunner.Run run = CliRunner.run("import", "--weights", weights.toString(), "--model", "deeplabv3plus",
                "--encoder", "resnet18", "--width", "8", "--option", "decoder_width=16", "--option",
                "low_level_width=8", "--classes", classes.toString(), "--out", out.toString(), "--tile", "64x96");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("filled").contains("0 left at initialisation, 0 source arrays unused");
        ModelManifest manifest = ModelDirectory.readManifest(out);
        assertThat(manifest.classes().numClasses()).isEqualTo(3);
        assertThat(manifest.preprocessing().height()).isEqualTo(64);
        assertThat(manifest.preprocessing().width()).isEqualTo(96);
        try (ModelDirectory.LoadedModel m = ModelDirectory.load(out)) {
            assertThat(m.manifest().model().options()).containsEntry("decoder_width", "16");
        }
    }

    @Test
    void perImageNormalizationReachesTheManifestAndExcludesFixedStatistics() {
        Path out = tmp.resolve("per-image");
        String[] args = {"import", "--weights", weights.toString(), "--model", "deeplabv3plus", "--encoder", "resnet18",
            "--width", "8", "--option", "decoder_width=16", "--option", "low_level_width=8", "--classes",
            classes.toString(), "--out", out.toString(), "--per-image-normalization"};
        CliRunner.Run run = CliRunner.run(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(ModelDirectory.readManifest(out).preprocessing().normalization().perImage()).isTrue();

        java.util.List<String> both = new java.util.ArrayList<>(java.util.List.of(args));
        both.set(both.indexOf(out.toString()), tmp.resolve("both").toString());
        both.add("--mean=0.5,0.5,0.5");
        CliRunner.Run bad = CliRunner.run(both.toArray(String[]::new));
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("leave out --mean and --std");
        assertThat(tmp.resolve("both")).doesNotExist();
    }

    @Test
    void encoderOnlyImportFindsThePrefixAndListsTheRest() {
        Path out = tmp.resolve("enc");
        CliRunner.Run run = CliRunner.run("import", "--weights", weights.toString(), "--model", "deeplabv3plus",
                "--encoder", "resnet18", "--width", "8", "--classes", classes.toString(), "--out", out.toString(),
                "--encoder-only");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("source keys under 'encoder.'").contains("left at initialisation")
                .contains("02decoder_").contains("unused source arrays").contains("decoder.aspp.pooling.0.weight");
        assertThat(out.resolve(ModelDirectory.WEIGHTS)).exists();
    }

    @Test
    void weightsOfAnotherWidthFailWithEveryMismatchAndWriteNothing() {
        Path out = tmp.resolve("wide");
        CliRunner.Run run = CliRunner.run("import", "--weights", weights.toString(), "--model", "deeplabv3plus",
                "--encoder", "resnet18", "--width", "16", "--classes", classes.toString(), "--out", out.toString(),
                "--encoder-only");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("do not fit this network").contains("encoder.conv1.weight has shape (8, 3, 7, 7)");
        assertThat(out.resolve(ModelDirectory.MANIFEST)).doesNotExist();
    }

    @Test
    void aPickleIsRefusedWithTheWayToConvertIt() throws IOException {
        Path pt = tmp.resolve("model.pth");
        Files.write(pt, new byte[] {(byte) 0x80, 2, 'c', 'x', 'x', 'x', 'x', 'x', 'x', 'x'});
        CliRunner.Run run = CliRunner.run("import", "--weights", pt.toString(), "--model", "deeplabv3plus",
                "--classes", classes.toString(), "--out", tmp.resolve("p").toString(), "--encoder-only");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("pickle").contains("save_file(model.state_dict()");
    }

    @Test
    void torchvisionModelImportsWithItsAuxiliaryHeadSkippedExplicitly() throws IOException {
        Path tv = tmp.resolve("fcn.safetensors");
        try (InputStream in = getClass().getResourceAsStream("/parity/torchvision_fcn_resnet50_w4.weights.safetensors")) {
            Files.copy(in, tv);
        }
        Path out = tmp.resolve("fcn");
        // width 4: the committed reduced-width twin; a real fcn_resnet50 checkpoint needs no --width
        String[] base = {"import", "--weights", tv.toString(), "--from", "torchvision:fcn_resnet50", "--width", "4",
            "--classes", classes.toString(), "--out", out.toString()};

        CliRunner.Run refused = CliRunner.run(base);
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("aux_classifier.0.weight").contains("--skip-prefix aux_classifier.");
        assertThat(out.resolve(ModelDirectory.MANIFEST)).doesNotExist();

        CliRunner.Run run = CliRunner.run(CliRunner.concat(base, "--skip-prefix", "aux_classifier."));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("0 left at initialisation, 0 source arrays unused")
                .contains("aux_classifier.4.bias: skipped on request (prefix aux_classifier.)");
        ModelManifest manifest = ModelDirectory.readManifest(out);
        assertThat(manifest.model().architecture()).isEqualTo("fcn");
        assertThat(manifest.model().encoder()).isEqualTo("resnet50");
        assertThat(manifest.model().options()).containsEntry("pad", "none").containsEntry("output_stride", "8");
        assertThat(manifest.provenance().trainConfig()).containsEntry("skipped_prefixes", java.util.List.of("aux_classifier."));
    }

    @Test
    void unknownFromNamesTheSupportedModels() {
        CliRunner.Run run = CliRunner.run("import", "--weights", weights.toString(), "--from", "torchvision:lraspp",
                "--classes", classes.toString(), "--out", tmp.resolve("x").toString());

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("torchvision model 'lraspp'").contains("deeplabv3_resnet50")
                .contains("fcn_resnet101");
    }
}
