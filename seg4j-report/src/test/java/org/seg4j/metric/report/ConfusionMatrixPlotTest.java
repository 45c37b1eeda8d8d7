package org.seg4j.metric.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.ClassMeta;
import org.seg4j.metric.ConfusionMatrix;

class ConfusionMatrixPlotTest {

    @TempDir
    Path dir;

    /** Colour near the top-left corner of a cell, away from its annotation and separators. */
    private static int cellColour(BufferedImage image, HeatMapLayout layout, int row, int column) {
        return image.getRGB(layout.cellX(column) + 3, layout.cellY(row) + 3) & 0xFFFFFF;
    }

    private static int rgb(Color c) {
        return c.getRGB() & 0xFFFFFF;
    }

    @Test
    void writesPngOfLayoutSizeWithRowNormalisedColours() throws Exception {
        List<String> names = List.of("road", "car", "sky", "tree");
        Path png = dir.resolve("confusion.png");

        ConfusionMatrixPlot.write(png, ConfusionMatrix.of(ReportFixtures.ROWS), names);
        BufferedImage image = ImageIO.read(png.toFile());
        HeatMapLayout layout = HeatMapLayout.of(names);

        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(layout.width());
        assertThat(image.getHeight()).isEqualTo(layout.height());
        // road row: 50/60 on the diagonal, 0/60 for sky; car row: 30/40 on the diagonal
        assertThat(cellColour(image, layout, 0, 0)).isEqualTo(rgb(ConfusionMatrixPlot.colour(50.0 / 60)));
        assertThat(cellColour(image, layout, 0, 2)).isEqualTo(rgb(ConfusionMatrixPlot.colour(0)));
        assertThat(cellColour(image, layout, 1, 1)).isEqualTo(rgb(ConfusionMatrixPlot.colour(0.75)));
        // sky and tree have no true pixels: grey rows
        assertThat(cellColour(image, layout, 2, 0)).isEqualTo(rgb(ConfusionMatrixPlot.EMPTY_ROW));
        assertThat(cellColour(image, layout, 3, 3)).isEqualTo(rgb(ConfusionMatrixPlot.EMPTY_ROW));
    }

    @Test
    void colourScaleDarkensWithTheValue() {
        Color low = ConfusionMatrixPlot.colour(0);
        Color high = ConfusionMatrixPlot.colour(1);

        assertThat(low.getRed() + low.getGreen() + low.getBlue()).isGreaterThan(700);
        assertThat(high.getRed() + high.getGreen() + high.getBlue()).isLessThan(200);
        assertThat(ConfusionMatrixPlot.colour(0.5).getBlue()).isBetween(high.getBlue(), low.getBlue());
    }

    @Test
    void annotationsArePercentagesWithDecimalOnlyInLargeCells() {
        assertThat(ConfusionMatrixPlot.annotation(0.8333, 40)).isEqualTo("83");
        assertThat(ConfusionMatrixPlot.annotation(0.8333, 80)).isEqualTo("83.3");
        assertThat(ConfusionMatrixPlot.annotation(0.001, 40)).isEqualTo("<1");
        assertThat(ConfusionMatrixPlot.annotation(0.0001, 80)).isEqualTo("<0.1");
    }

    @Test
    void sizeStaysReasonableFromTwoToTwentyOneClasses() {
        ClassMeta voc = ClassMeta.voc();
        for (int n : new int[] {2, 5, 11, 21}) {
            List<String> names = voc.names().subList(0, n);
            long[][] rows = new long[n][n];
            for (int i = 0; i < n; i++) {
                rows[i][i] = 10;
                rows[i][(i + 1) % n] = 1;
            }

            BufferedImage image = ConfusionMatrixPlot.render(ConfusionMatrix.of(rows), names);
            HeatMapLayout layout = HeatMapLayout.of(names);

            assertThat(image.getWidth()).as("%d classes", n).isBetween(300, 1100);
            assertThat(image.getHeight()).as("%d classes", n).isBetween(250, 1100);
            assertThat(layout.cell()).as("%d classes", n).isGreaterThanOrEqualTo(30);
            // every class name fits to the left of the grid
            assertThat(layout.gridX()).isGreaterThan(0);
        }
    }

    @Test
    void rejectsWrongNumberOfNames() {
        assertThatThrownBy(() -> ConfusionMatrixPlot.render(new ConfusionMatrix(3), List.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
