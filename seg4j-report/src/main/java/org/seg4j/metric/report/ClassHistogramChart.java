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
import org.seg4j.data.ClassStatistics;
import org.seg4j.data.PngFiles;
import org.seg4j.data.quality.DatasetStats;

/** The per-split class histogram of {@code seg4j data stats}: pixel share of each class, one bar series per split (XChart). */
public final class ClassHistogramChart {

    /** File name of the chart. */
    public static final String FILE_NAME = "class-histogram.png";

    private ClassHistogramChart() {}

    /** Renders the chart and writes it as PNG, atomically. */
    public static void write(Path png, DatasetStats stats) {
        PngFiles.write(png, BitmapEncoder.getBufferedImage(chart(stats)));
    }

    static CategoryChart chart(DatasetStats stats) {
        List<String> names = stats.classes().names();
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(640, 70 * names.size())).height(420)
                .title("Pixel share per class").xAxisTitle("class").yAxisTitle("% of labelled pixels").build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(LegendPosition.InsideNE);
        chart.getStyler().setXAxisLabelRotation(35);
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        chart.getStyler().setChartTitleBoxVisible(false);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        for (Map.Entry<String, ClassStatistics> e : stats.splits().entrySet()) {
            List<Double> share = new ArrayList<>();
            for (int c = 0; c < names.size(); c++) {
                share.add(100 * e.getValue().pixelShare(c));
            }
            chart.addSeries(e.getKey(), names, share);
        }
        return chart;
    }
}
