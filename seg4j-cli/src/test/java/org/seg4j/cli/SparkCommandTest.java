package org.seg4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.synth.SyntheticStreetScenes;
import org.seg4j.infer.TestModels;

/** {@code seg4j spark ...} in local mode, end to end, against the single-machine commands. */
class SparkCommandTest {

    private static final String[] LOCAL = {"--master", "local[1]", "--conf", "spark.driver.host=127.0.0.1",
        "--conf", "spark.driver.bindAddress=127.0.0.1"};

    @TempDir
    static Path dir;

    static Path data;

    @BeforeAll
    static void setUp() {
        data = dir.resolve("synth");
        SyntheticStreetScenes.writeDataset(data, 6, 3, 2, 36, 48);
    }

    private static String[] args(String... a) {
        String[] out = new String[a.length + LOCAL.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(LOCAL, 0, out, a.length, LOCAL.length);
        return out;
    }

    @Test
    void predictWritesParquetRows() {
        Path model = TestModels.saveModel(dir.resolve("model"), TestModels.POINTWISE, 32, 1.0);
        CliRunner.Run run = CliRunner.run(args("spark", "predict", "--model", model.toString(),
                "--input", data.resolve("train/images").toString(), "--output", dir.resolve("rows.parquet").toString()));
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("predicted 6 images").contains("0 with errors");
        assertThat(dir.resolve("rows.parquet/_SUCCESS")).isRegularFile();
    }

    @Test
    void statsAndValidateGiveTheSingleMachineResults() throws Exception {
        CliRunner.Run local = CliRunner.run("data", "stats", "--data", data.toString(), "--out", dir.resolve("s1").toString());
        CliRunner.Run spark = CliRunner.run(args("spark", "stats", "--data", data.toString(), "--out",
                dir.resolve("s2").toString()));
        assertThat(spark.exitCode()).as(spark.err()).isZero();
        assertThat(Files.readString(dir.resolve("s2/stats.json"))).isEqualTo(Files.readString(dir.resolve("s1/stats.json")));
        assertThat(Files.readString(dir.resolve("s2/class-weights-median-frequency.yaml")))
                .isEqualTo(Files.readString(dir.resolve("s1/class-weights-median-frequency.yaml")));
        assertThat(local.exitCode()).isZero();

        CliRunner.Run v1 = CliRunner.run("data", "validate", "--data", data.toString());
        CliRunner.Run v2 = CliRunner.run(args("spark", "validate", "--data", data.toString()));
        assertThat(v2.exitCode()).as(v2.err()).isEqualTo(v1.exitCode());
        assertThat(v2.out()).isEqualTo(v1.out());
    }
}
