package org.seg4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.ClassMeta;
import org.seg4j.infer.TestModels;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.weights.TensorFile;
import org.seg4j.transform.Normalization;

/**
 * {@code seg4j import --torchscript} on the traced U-Net fixture of seg4j-core's tests, and {@code
 * seg4j export --safetensors} followed by {@code import --weights}.
 */
class TorchScriptCommandsTest {

    @TempDir
    Path tmp;

    @Test
    void tracedModelImportsAndPredictsPyTorchsClassMap() throws IOException {
        for (String f : new String[] {"unet.pt", "image.png", "expected.safetensors"}) {
            try (InputStream in = getClass().getResourceAsStream("/torchscript/" + f)) {
                assertThat(in).as(f).isNotNull();
                Files.copy(in, tmp.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path model = tmp.resolve("ts");
        CliRunner.Run run = CliRunner.run("import", "--torchscript", tmp.resolve("unet.pt").toString(),
                "--classes", classes().toString(), "--input-size", "64x64", "--out", model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("TorchScript module unet.pt");
        assertThat(ModelDirectory.readManifest(model).runtime()).isEqualTo("torchscript");

        CliRunner.Run p = CliRunner.run("predict", "--model", model.toString(), "--input",
                tmp.resolve("image.png").toString(), "--out", tmp.resolve("out").toString(), "--format", "mask");
        assertThat(p.exitCode()).as(p.err()).isZero();
        Raster mask = ImageIO.read(tmp.resolve("out/image_mask.png").toFile()).getRaster();
        float[] logits;
        byte[] expected;
        try (NDManager m = NDManager.newBaseManager()) {
            var arrays = TensorFile.read(tmp.resolve("expected.safetensors"), m);
            logits = arrays.get("logits").toFloatArray();
            expected = arrays.get("classes").toByteArray();
        }
        int plane = 64 * 64;
        int same = 0;
        for (int i = 0; i < plane; i++) {
            same += mask.getSample(i % 64, i / 64, 0) == expected[i] ? 1 : 0;
        }
        // the fixture has two pixels whose top two logits are within 1e-4 (TorchScriptRuntimeTest)
        assertThat(same).isGreaterThanOrEqualTo(plane - 2);
        assertThat(logits).hasSize(3 * plane);
    }

    @Test
    void exportedSafetensorsImportBackToTheSameMasks() throws IOException {
        Path model = tmp.resolve("unet");
        ModelManifest base = TestModels.manifest(TestModels.POINTWISE, 32, 1.0);
        ModelSpec spec = new ModelSpec("unet", "", 3, 4, Map.of("depth", "2"));
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = ModelRegistry.create(spec);
            ModelDirectory.initialize(block, m, 32, 32);
            // ImageNet normalisation and a 32x32 tile: what import --weights ... --tile 32x32 writes
            var pre = new ModelManifest.Preprocessing(32, 32, Normalization.IMAGENET.mean(),
                    Normalization.IMAGENET.std(), 1.0);
            ModelDirectory.save(model, new ModelManifest(1, spec, base.classes(), pre, base.provenance(), Map.of()),
                    block);
        }
        Path file = tmp.resolve("unet.safetensors");
        CliRunner.Run export = CliRunner.run("export", "--model", model.toString(), "--safetensors", file.toString());
        assertThat(export.exitCode()).as(export.err()).isZero();
        assertThat(export.out()).contains("arrays");

        Path imported = tmp.resolve("imported");
        Path baseClasses = tmp.resolve("base-classes.yaml");
        base.classes().write(baseClasses);
        CliRunner.Run in = CliRunner.run("import", "--weights", file.toString(), "--model", "unet", "--width", "4",
                "--option", "depth=2", "--classes", baseClasses.toString(), "--tile", "32x32", "--out",
                imported.toString());
        assertThat(in.exitCode()).as(in.err()).isZero();
        assertThat(in.out()).contains("0 left at initialisation, 0 source arrays unused");

        CliRunner.Run none = CliRunner.run("export", "--model", model.toString());
        assertThat(none.exitCode()).isNotZero();
        assertThat(none.err()).contains("--safetensors");

        Path image = tmp.resolve("img.png");
        ImageIO.write(org.seg4j.data.BufferedImages.toBufferedImage(TestModels.randomImage(45, 37, 5)), "png",
                image.toFile());
        for (Path dir : new Path[] {model, imported}) {
            CliRunner.Run p = CliRunner.run("predict", "--model", dir.toString(), "--input", image.toString(), "--out",
                    tmp.resolve("out-" + dir.getFileName()).toString(), "--format", "mask,probs");
            assertThat(p.exitCode()).as(p.err()).isZero();
        }
        assertThat(Files.list(tmp.resolve("out-unet")).count()).isPositive();
        for (Path f : (Iterable<Path>) Files.list(tmp.resolve("out-unet"))::iterator) {
            assertThat(Files.readAllBytes(tmp.resolve("out-imported").resolve(f.getFileName())))
                    .as(f.getFileName().toString()).isEqualTo(Files.readAllBytes(f));
        }
    }

    private Path classes() {
        Path classes = tmp.resolve("classes.yaml");
        if (!Files.exists(classes)) {
            ClassMeta.of(new String[] {"a", "b", "c"}, new int[][] {{0, 0, 0}, {255, 0, 0}, {0, 255, 0}}, 255)
                    .write(classes);
        }
        return classes;
    }
}
