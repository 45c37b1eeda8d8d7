package org.seg4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.infer.TestModels;

class ServeCommandTest {

    @Test
    void helpListsTheLimits() {
        CliRunner.Run run = CliRunner.run("serve", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--model").contains("--host").contains("127.0.0.1").contains("--max-batch")
                .contains("--max-wait-ms").contains("--queue-size").contains("--max-body-bytes")
                .contains("--max-pixels").contains("--timeout-ms").contains("--threads");
    }

    @Test
    void badSettingsAreRefusedBeforeStarting(@TempDir Path tmp) {
        CliRunner.Run run = CliRunner.run("serve", "--model", tmp.toString(), "--max-batch", "0");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("max batch must be in 1..256");
        run = CliRunner.run("serve", "--model", "bad name=" + tmp, "--port", "0");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("model name 'bad name' is not allowed");
    }

    @Test
    void benchServeComparesBatchingWithBatchSizeOne(@TempDir Path tmp) {
        Path model = TestModels.saveModel(tmp.resolve("m"), TestModels.POINTWISE, 32, 1.0);
        CliRunner.Run run = CliRunner.run("bench", "serve", "--model", model.toString(), "--clients", "3",
                "--requests", "4", "--size", "48");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("max batch 8: 3 clients, 12 requests").contains("max batch 1: 3 clients")
                .contains("0 errors").contains("throughput ratio");
    }
}
