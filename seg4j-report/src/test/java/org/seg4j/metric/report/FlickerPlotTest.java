package org.seg4j.metric.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlickerPlotTest {

    // the first two series colours of the plot
    private static final int FIRST = 0x1F77B4;
    private static final int SECOND = 0xFF7F0E;

    @TempDir
    Path dir;

    private static int count(BufferedImage image, int rgb) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void drawsOneLinePerRunAndSkipsMissingPairs() throws Exception {
        Path png = dir.resolve(FlickerPlot.FILE_NAME);
        new FlickerPlot("Flicker", "changed (%)")
                .add("per-frame", new double[] {0.05, 0.04, Double.NaN, 0.06, 0.05})
                .add("recurrent", new double[] {0.02, 0.01, 0.02, 0.02, 0.01})
                .write(png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(FlickerPlot.WIDTH);
        assertThat(image.getHeight()).isEqualTo(FlickerPlot.HEIGHT);
        assertThat(count(image, FIRST)).isGreaterThan(100);
        assertThat(count(image, SECOND)).isGreaterThan(100);
    }

    @Test
    void rejectsEmptyAndDuplicateSeries() {
        FlickerPlot plot = new FlickerPlot("Flicker", "changed (%)");
        assertThatThrownBy(plot::render).hasMessageContaining("no series");
        assertThatThrownBy(() -> plot.add("a", new double[] {Double.NaN})).hasMessageContaining("no defined value");
        plot.add("a", new double[] {0.1});
        assertThatThrownBy(() -> plot.add("a", new double[] {0.2})).hasMessageContaining("added twice");
    }
}
