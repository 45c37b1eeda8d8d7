package org.seg4j.metric.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingCurvesPlotTest {

    // series colours used by the plot
    private static final int TRAIN = 0x1F77B4;
    private static final int MIOU = 0x2CA02C;

    @TempDir
    Path dir;

    private static TrainingCurves curves(int epochs) {
        List<Integer> e = new ArrayList<>();
        List<Double> train = new ArrayList<>();
        List<Double> val = new ArrayList<>();
        List<Double> miou = new ArrayList<>();
        List<Double> acc = new ArrayList<>();
        for (int i = 1; i <= epochs; i++) {
            e.add(i);
            train.add(2.0 / i);
            val.add(i % 2 == 0 ? 2.2 / i : null);
            miou.add(i % 2 == 0 ? 0.5 - 0.4 / i : null);
            acc.add(i % 2 == 0 ? 0.9 - 0.4 / i : null);
        }
        return new TrainingCurves(e, train, val, miou, acc);
    }

    /** Pixels of exactly this colour in columns {@code [x0, x1)}. */
    private static int count(BufferedImage image, int rgb, int x0, int x1) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = x0; x < x1; x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void writesTwoPanelPngOfFixedSize() throws Exception {
        Path png = dir.resolve(TrainingCurvesPlot.FILE_NAME);

        TrainingCurvesPlot.write(png, curves(12));
        BufferedImage image = ImageIO.read(png.toFile());

        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(TrainingCurvesPlot.WIDTH);
        assertThat(image.getHeight()).isEqualTo(TrainingCurvesPlot.HEIGHT);
        int half = TrainingCurvesPlot.PANEL_WIDTH;
        assertThat(count(image, TRAIN, 0, half)).as("train loss drawn in the left panel").isGreaterThan(200);
        assertThat(count(image, MIOU, half, image.getWidth())).as("mIoU drawn in the right panel").isGreaterThan(200);
        assertThat(count(image, MIOU, 0, half)).isZero();
    }

    @Test
    void trainLossOnlyLeavesMetricsPanelWithoutCurves() {
        TrainingCurves trainOnly = TrainingCurves.ofTrainLoss(List.of(1, 2, 3), List.of(2.0, 1.5, 1.2));

        BufferedImage image = TrainingCurvesPlot.render(trainOnly);

        assertThat(count(image, TRAIN, 0, TrainingCurvesPlot.PANEL_WIDTH)).isGreaterThan(100);
        assertThat(count(image, MIOU, TrainingCurvesPlot.PANEL_WIDTH, image.getWidth())).isZero();
    }

    @Test
    void rendersSingleEpochAndEmptyHistory() {
        BufferedImage one = TrainingCurvesPlot.render(curves(1));
        BufferedImage none = TrainingCurvesPlot.render(TrainingCurves.ofTrainLoss(List.of(), List.of()));

        assertThat(count(one, TRAIN, 0, TrainingCurvesPlot.PANEL_WIDTH)).as("a marker for the one point").isPositive();
        assertThat(none.getWidth()).isEqualTo(TrainingCurvesPlot.WIDTH);
        assertThat(count(none, TRAIN, 0, none.getWidth())).isZero();
    }
}
