package org.seg4j.metric.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.metric.ConfusionMatrix;

class MarkdownReportTest {

    @TempDir
    Path dir;

    private String write(MetricsReport report) throws Exception {
        Path file = dir.resolve(MetricsReport.REPORT_MD);
        report.writeMarkdown(file);
        return Files.readString(file);
    }

    @Test
    void hasTitleAndSummaryTable() throws Exception {
        String md = write(ReportFixtures.fourClassReport().withTitle("unet on camvid"));

        assertThat(md).startsWith("# unet on camvid\n");
        // 29/63 = 46.03%, 80/100, 19/24 = 79.17%, 73/105 = 69.52%, 49/90 = 54.44%
        assertThat(md).contains("| mIoU | 46.0% |", "| Pixel accuracy | 80.0% |", "| Mean class accuracy | 79.2% |",
                "| Frequency-weighted IoU | 69.5% |", "| Mean F1 (Dice) | 54.4% |", "| Images | 7 |");
    }

    @Test
    void perClassRowsShowPercentagesAndNaForUndefined() throws Exception {
        String md = write(ReportFixtures.fourClassReport());

        assertThat(md).contains("| Class | IoU | Precision | Recall | F1 | Pixels |");
        // road: 5/7, 5/6, 5/6, 5/6; car: 2/3, 6/7, 3/4, 4/5
        assertThat(md).contains("| road | 71.4% | 83.3% | 83.3% | 83.3% | 60 |");
        assertThat(md).contains("| car | 66.7% | 85.7% | 75.0% | 80.0% | 40 |");
        assertThat(md).contains("| sky | n/a | n/a | n/a | n/a | 0 |");
        assertThat(md).contains("| tree | 0.0% | 0.0% | n/a | 0.0% | 0 |");
        // mean precision (5/6 + 6/7 + 0) / 3 = 71/126 = 56.35%
        assertThat(md).contains("| **mean** | **46.0%** | **56.3%** | **79.2%** | **54.4%** | **100** |");
    }

    @Test
    void linksOnlyImagesThatExist() throws Exception {
        String without = write(ReportFixtures.fourClassReport());
        assertThat(without).doesNotContain("confusion.png").doesNotContain("curves.png");

        Files.write(dir.resolve(TrainingCurvesPlot.FILE_NAME), new byte[] {1});
        ReportFixtures.fourClassReport().writeAll(dir);
        String with = Files.readString(dir.resolve(MetricsReport.REPORT_MD));

        assertThat(with).contains("![Confusion matrix](confusion.png)", "![Training curves](curves.png)");
    }

    @Test
    void escapesTableCharactersInClassNames() throws Exception {
        MetricsReport report = MetricsReport.of(ConfusionMatrix.of(new long[][] {{1, 0}, {0, 1}}),
                ReportFixtures.classes("a|b", "c"), 1);

        assertThat(write(report)).contains("| a\\|b | 100.0% |");
    }
}
