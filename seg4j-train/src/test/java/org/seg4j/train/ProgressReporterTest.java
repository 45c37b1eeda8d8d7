package org.seg4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {

    @Test
    void barModeRendersWithoutTerminal() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (ProgressReporter p = new ProgressReporter(ps, ProgressReporter.Mode.BAR, 1, "epoch 1/1", 3, 0)) {
            for (int i = 1; i <= 3; i++) {
                p.update(i, 2, 0.5, 1e-3);
            }
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("epoch 1/1", "img/s");
    }

    @Test
    void linesModeThrottles() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (ProgressReporter p = new ProgressReporter(ps, ProgressReporter.Mode.LINES, 3600, "epoch 1/1", 1000, 0)) {
            for (int i = 1; i <= 1000; i++) {
                p.update(i, 2, 0.5, 1e-3);
            }
        }
        // only the final line: the interval never elapsed
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList()).hasSize(1)
                .first().asString().contains("step 1000/1000 (100%)");
    }

    @Test
    void formatsSeconds() {
        assertThat(ProgressReporter.formatSeconds(42)).isEqualTo("42s");
        assertThat(ProgressReporter.formatSeconds(125)).isEqualTo("2m05s");
        assertThat(ProgressReporter.formatSeconds(3725)).isEqualTo("1h02m05s");
    }
}
