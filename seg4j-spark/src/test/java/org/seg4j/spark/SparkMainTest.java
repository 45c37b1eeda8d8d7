package org.seg4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.infer.TestModels;

class SparkMainTest {

    @TempDir
    Path dir;

    @Test
    void parsesRepeatedOptionsAndFlags() {
        Map<String, List<String>> o = SparkMain.parse(new String[] {
            "stats", "--data", "d", "--split", "train", "--split", "val", "--overwrite"});
        assertThat(o.get("--split")).containsExactly("train", "val");
        assertThat(o).containsKey("--overwrite");
        assertThatThrownBy(() -> SparkMain.parse(new String[] {"predict", "--model"}))
                .isInstanceOf(Seg4jException.class).hasMessage("--model needs a value");
        assertThatThrownBy(() -> SparkMain.parse(new String[] {"predict", "model"}))
                .hasMessageContaining("unexpected argument 'model'");
    }

    @Test
    void unknownJobsAndMissingOptionsAreNamed() {
        assertThatThrownBy(() -> SparkMain.run(LocalSpark.session(), "train", Map.of()))
                .hasMessageContaining("unknown job 'train'");
        assertThatThrownBy(() -> SparkMain.run(LocalSpark.session(), "predict", Map.of()))
                .hasMessage("--model is required");
    }

    @Test
    void shippingNeedsAModelDirectory() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> ModelSource.ship(LocalSpark.session(), dir.resolve("empty")))
                .hasMessageContaining("not a model directory (no model.json)");
        Path model = TestModels.saveModel(dir.resolve("m"), TestModels.POINTWISE, 32, 1.0);
        Files.writeString(model.resolve("history.json"), "{}");
        ModelSource source = ModelSource.ship(LocalSpark.session(), model);
        assertThat(source.shipped()).isTrue();
        assertThat(source.localDir().resolve("weights.params")).isRegularFile();
        assertThat(source.localDir().resolve("history.json")).doesNotExist();
        // another model from a folder of the same name is another shipped folder, not a clash
        Path other = TestModels.saveModel(dir.resolve("other/m"), TestModels.CONV3, 32, 1.0);
        ModelSource second = ModelSource.ship(LocalSpark.session(), other);
        assertThat(second.localDir()).isNotEqualTo(source.localDir());
        assertThat(second.localDir().resolve("weights.params")).hasSameBinaryContentAs(other.resolve("weights.params"));
    }
}
