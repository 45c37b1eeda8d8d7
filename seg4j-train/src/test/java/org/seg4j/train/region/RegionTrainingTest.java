package org.seg4j.train.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.LabelMask;
import org.seg4j.data.Sample;
import org.seg4j.data.synth.SyntheticStreetScenes;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.region.RegionModelFile;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.model.ModelSpec;
import org.seg4j.util.Json;

class RegionTrainingTest {

    @Test
    void trainsWritesAndPredictsBetterThanTheMajorityClass(@TempDir Path dir) throws Exception {
        SyntheticStreetScenes train = SyntheticStreetScenes.builder().optSeed(1).optSize(48, 64).optCount(10).build();
        SyntheticStreetScenes val = SyntheticStreetScenes.builder().optSeed(2).optSize(48, 64).optCount(4).build();
        Path out = dir.resolve("regions");
        RegionTraining.Result r = RegionTraining.builder()
                .setTrainData(train)
                .optValidationData(val)
                .setOutputDir(out)
                .optEncoderNetwork(new ModelSpec("unet", "", 1, 8, Map.of()))
                .optOptions(RegionTrainOptions.parse(Map.of("proposals", "single", "regions_per_image", "200")))
                .optLog(null)
                .build()
                .fit();

        assertThat(out.resolve("model.json")).isRegularFile();
        assertThat(out.resolve(RegionModelFile.FILE)).isRegularFile();
        assertThat(out.resolve(RegionModelFile.ENCODER_WEIGHTS)).isRegularFile();
        ModelManifest manifest = ModelDirectory.readManifest(out);
        assertThat(manifest.runtime()).isEqualTo("regions");
        assertThat(manifest.model().architecture()).isEqualTo("regions");
        assertThat(manifest.metrics()).containsKeys("mIoU", "mean_boundary_f");
        RegionModelFile file = Json.read(out.resolve(RegionModelFile.FILE), RegionModelFile.class);
        assertThat(file.svms().classes()).isEqualTo(train.classes().numClasses());
        assertThat(r.regions()).isGreaterThan(100);

        // the written model predicts through the ordinary Predictor, better than always the majority class
        long correct = 0;
        long total = 0;
        long[] counts = new long[train.classes().numClasses()];
        try (Predictor p = Predictor.load(out)) {
            for (int i = 0; i < val.size(); i++) {
                Sample s = val.load(i);
                LabelMask m = p.predict(s.image());
                for (int q = 0; q < m.data().length; q++) {
                    int t = s.mask().data()[q] & 0xFF;
                    if (t < counts.length) {
                        counts[t]++;
                        total++;
                        correct += m.data()[q] == s.mask().data()[q] ? 1 : 0;
                    }
                }
            }
        }
        long majority = java.util.Arrays.stream(counts).max().orElse(0);
        assertThat((double) correct / total).isGreaterThan((double) majority / total + 0.1);
        assertThat(r.validation().pixelAccuracy()).isEqualTo((double) correct / total, org.assertj.core.api.Assertions.within(1e-9));

        // a damaged directory fails with the file named
        Path broken = dir.resolve("broken");
        copy(out, broken);
        Files.delete(broken.resolve(RegionModelFile.ENCODER_WEIGHTS));
        assertThatThrownBy(() -> Predictor.load(broken)).hasMessageContaining("encoder weights 'encoder.params'");
        copy(out, broken);
        Files.delete(broken.resolve(RegionModelFile.FILE));
        assertThatThrownBy(() -> Predictor.load(broken)).hasMessageContaining(RegionModelFile.FILE);
    }

    private static void copy(Path from, Path to) throws java.io.IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void unknownOptionListsTheValidOnes() {
        assertThatThrownBy(() -> RegionTrainOptions.parse(Map.of("proposal", "fast")))
                .hasMessageContaining("unknown option 'proposal'").hasMessageContaining("max_proposals");
        assertThatThrownBy(() -> RegionTrainOptions.parse(Map.of("proposals", "slow")))
                .hasMessageContaining("fast, quality");
        assertThatThrownBy(() -> RegionTrainOptions.parse(Map.of("svm_c", "x"))).hasMessageContaining("svm_c");
        assertThatThrownBy(() -> RegionTrainOptions.parse(Map.of("negative_share", "0.9")))
                .hasMessageContaining("negative_share");
    }

    @Test
    void initFromAnExternalModelIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("model.json"), "{\"format_version\":1,\"runtime\":\"onnx\",\"file\":\"m.onnx\"}");
        SyntheticStreetScenes train = SyntheticStreetScenes.builder().optSeed(1).optSize(32, 32).optCount(1).build();
        assertThatThrownBy(() -> RegionTraining.builder().setTrainData(train).setOutputDir(dir.resolve("o"))
                .optInitModel(dir).build()).hasMessageContaining("a onnx model").hasMessageContaining("encoder");
    }
}
