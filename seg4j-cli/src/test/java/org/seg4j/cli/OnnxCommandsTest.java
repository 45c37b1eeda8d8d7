package org.seg4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.ClassMeta;
import org.seg4j.infer.TestModels;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;

/** {@code seg4j export --onnx}, {@code seg4j import --onnx} and {@code predict} on both directories. */
class OnnxCommandsTest {

    @TempDir
    Path tmp;

    @Test
    void exportedUnetImportsAndPredictsLikeTheOriginal() throws Exception {
        Path model = save(new ModelSpec("unet", "", 3, 4, Map.of("depth", "2")), "unet");
        Path onnx = tmp.resolve("unet.onnx");
        CliRunner.Run export = CliRunner.run("export", "--model", model.toString(), "--onnx", onnx.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).contains("class map agreement 100.000%");

        Path classes = tmp.resolve("classes.yaml");
        ClassMeta.of(new String[] {"a", "b", "c"}, new int[][] {{0, 0, 0}, {255, 0, 0}, {0, 255, 0}}, 255)
                .write(classes);
        Path imported = tmp.resolve("imported");
        CliRunner.Run run = CliRunner.run("import", "--onnx", onnx.toString(), "--classes", classes.toString(),
                "--input-size", "32x32", "--mean", "0,0,0", "--std", "1,1,1", "--out", imported.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("input [-1, 3, -1, -1] -> logits [-1, 3, -1, -1]");
        assertThat(ModelDirectory.readManifest(imported).runtime()).isEqualTo("onnx");

        CliRunner.Run noSize = CliRunner.run("import", "--onnx", onnx.toString(), "--classes", classes.toString(),
                "--out", tmp.resolve("x").toString());
        assertThat(noSize.exitCode()).isNotZero();
        assertThat(noSize.err()).contains("--input-size");

        Path image = tmp.resolve("img.png");
        javax.imageio.ImageIO.write(org.seg4j.data.BufferedImages.toBufferedImage(TestModels.randomImage(45, 37, 5)), "png", image.toFile());
        for (Path dir : new Path[] {model, imported}) {
            CliRunner.Run p = CliRunner.run("predict", "--model", dir.toString(), "--input", image.toString(), "--out",
                    tmp.resolve("out-" + dir.getFileName()).toString(), "--format", "mask", "--flip");
            assertThat(p.exitCode()).as(p.err()).isZero();
        }
        assertThat(Files.readAllBytes(tmp.resolve("out-unet/img_mask.png")))
                .isEqualTo(Files.readAllBytes(tmp.resolve("out-imported/img_mask.png")));
    }

    @Test
    void predictRunsASeg4jModelOnOnnxRuntime() throws Exception {
        Path model = save(new ModelSpec("fastscnn", "", 3, 4, Map.of("blocks", "1")), "fast");
        Path images = Files.createDirectories(tmp.resolve("images"));
        for (int i = 0; i < 3; i++) {
            javax.imageio.ImageIO.write(org.seg4j.data.BufferedImages.toBufferedImage(
                    TestModels.randomImage(45 + i, 37, i)), "png", images.resolve("img" + i + ".png").toFile());
        }
        for (String engine : new String[] {"djl", "onnxruntime"}) {
            CliRunner.Run p = CliRunner.run("predict", "--model", model.toString(), "--input", images.toString(),
                    "--out", tmp.resolve("out-" + engine).toString(), "--format", "mask,probs", "--engine", engine);
            assertThat(p.exitCode()).as(p.err()).isZero();
        }
        for (int i = 0; i < 3; i++) {
            assertThat(Files.readAllBytes(tmp.resolve("out-onnxruntime/img" + i + "_mask.png")))
                    .isEqualTo(Files.readAllBytes(tmp.resolve("out-djl/img" + i + "_mask.png")));
        }
        try (var cached = Files.list(model.resolve("cache"))) {
            assertThat(cached.map(f -> f.getFileName().toString())).singleElement().asString().endsWith(".onnx");
        }

        CliRunner.Run bad = CliRunner.run("predict", "--model", model.toString(), "--input", images.toString(),
                "--out", tmp.resolve("out-bad").toString(), "--engine", "tensorrt");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("unknown inference engine 'tensorrt'").contains("djl, onnxruntime");
    }

    @Test
    void exportsDeepLabV3Plus() throws Exception {
        Path deeplab = save(new ModelSpec("deeplabv3plus", "resnet18", 3, 8, Map.of()), "deeplab");
        Path onnx = tmp.resolve("deeplab.onnx");
        CliRunner.Run export = CliRunner.run("export", "--model", deeplab.toString(), "--onnx", onnx.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).contains("class map agreement 100.000%");
        assertThat(onnx).isRegularFile();
    }

    @Test
    void aTemporalModelIsRefusedWithAReason() throws Exception {
        Path model = save(new ModelSpec("fastscnn", "", 3, 8, Map.of("blocks", "1", "temporal", "convgru")),
                "temporal");
        CliRunner.Run export = CliRunner.run("export", "--model", model.toString(), "--onnx",
                tmp.resolve("t.onnx").toString());
        assertThat(export.exitCode()).isEqualTo(1);
        assertThat(export.err()).contains("temporal model").contains("hidden state");
        assertThat(tmp.resolve("t.onnx")).doesNotExist();
    }

    private Path save(ModelSpec spec, String name) throws Exception {
        Path dir = tmp.resolve(name);
        ModelManifest base = TestModels.manifest(TestModels.POINTWISE, 32, 1.0);
        ModelManifest manifest = new ModelManifest(1, spec, base.classes(), base.preprocessing(), base.provenance(),
                Map.of());
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = ModelRegistry.create(spec);
            ModelDirectory.initialize(block, m, 32, 32);
            ModelDirectory.save(dir, manifest, block);
        }
        return dir;
    }
}
