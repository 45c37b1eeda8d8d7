package org.seg4j.metric.report;

import java.awt.Color;
import java.awt.Font;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.seg4j.data.PngFiles;

/**
 * Cross-validations side by side ({@code seg4j cv-compare --chart}): held-out mIoU per fold and the
 * mean, one bar series per run (XChart).
 */
public final class FoldComparisonChart {

    private FoldComparisonChart() {}

    /**
     * Renders the chart and writes it as PNG, atomically.
     *
     * @param png the file to write
     * @param folds fold names, in order
     * @param runs run name to its mIoU per fold (fractions, in {@code folds} order; NaN where undefined)
     */
    public static void write(Path png, List<String> folds, Map<String, double[]> runs) {
        PngFiles.write(png, BitmapEncoder.getBufferedImage(chart(folds, runs)));
    }

    static CategoryChart chart(List<String> folds, Map<String, double[]> runs) {
        List<String> categories = new ArrayList<>(folds);
        categories.add("mean");
        CategoryChart chart = new CategoryChartBuilder()
                .width(Math.max(640, 90 * categories.size() * Math.max(1, runs.size()) / 2)).height(420)
                .title("Held-out mIoU per fold").xAxisTitle("held-out fold").yAxisTitle("mIoU (%)").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        chart.getStyler().setChartTitleBoxVisible(false);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setLabelsFontColor(Color.DARK_GRAY);
        chart.getStyler().setDecimalPattern("#0.0");
        chart.getStyler().setYAxisMin(0.0);
        for (Map.Entry<String, double[]> e : runs.entrySet()) {
            double[] v = e.getValue();
            if (v.length != folds.size()) {
                throw new IllegalArgumentException(e.getKey() + ": " + v.length + " values for " + folds.size() + " folds");
            }
            List<Double> bars = new ArrayList<>();
            double sum = 0;
            int n = 0;
            for (double x : v) {
                bars.add(Double.isNaN(x) ? 0 : 100 * x);
                if (!Double.isNaN(x)) {
                    sum += x;
                    n++;
                }
            }
            bars.add(n == 0 ? 0 : 100 * sum / n);
            chart.addSeries(e.getKey(), categories, bars);
        }
        return chart;
    }
}
