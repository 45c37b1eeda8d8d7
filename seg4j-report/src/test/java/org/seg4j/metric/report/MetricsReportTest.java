package org.seg4j.metric.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.metric.ConfusionMatrix;

class MetricsReportTest {

    @TempDir
    Path dir;

    @Test
    void writeAllCreatesJsonMarkdownAndHeatMapAndNoTemporaryFiles() throws Exception {
        Path out = dir.resolve("eval");

        ReportFixtures.fourClassReport().writeAll(out);

        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("metrics.json", "report.md", "confusion.png");
        }
        assertThat(ImageIO.read(out.resolve("confusion.png").toFile())).isNotNull();
        assertThat(Files.readString(out.resolve("report.md"))).contains("![Confusion matrix](confusion.png)");
    }

    @Test
    void rejectsClassListOfWrongSize() {
        assertThatThrownBy(() -> MetricsReport.of(ConfusionMatrix.of(ReportFixtures.ROWS),
                        ReportFixtures.classes("a", "b", "c"), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 classes");
    }

    @Test
    void blankTitleFallsBackToDefault() {
        assertThat(ReportFixtures.fourClassReport().withTitle(" ").title()).isEqualTo(MetricsReport.DEFAULT_TITLE);
    }
}
