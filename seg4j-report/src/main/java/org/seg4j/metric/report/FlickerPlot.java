package org.seg4j.metric.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.seg4j.Seg4jException;

/**
 * Draws flicker per pair of consecutive frames, one line per run (for example per-frame, EMA and a
 * temporal model on the same clip), so that a reader sees where in the clip each one flickers and
 * not only the average. Values are fractions of pixels, drawn in percent; a NaN leaves its point out
 * (a pair without labels on both frames has no labelled flicker).
 */
public final class FlickerPlot {

    /** Conventional file name of the plot. */
    public static final String FILE_NAME = "flicker.png";

    /** Image width. */
    public static final int WIDTH = 960;

    /** Image height. */
    public static final int HEIGHT = 480;

    private static final Color[] PALETTE = {
        new Color(0x1F, 0x77, 0xB4), new Color(0xFF, 0x7F, 0x0E), new Color(0x2C, 0xA0, 0x2C),
        new Color(0xD6, 0x27, 0x28), new Color(0x94, 0x67, 0xBD), new Color(0x8C, 0x56, 0x4B)
    };

    private final String title;
    private final String yTitle;
    private final Map<String, double[]> series = new LinkedHashMap<>();

    /**
     * @param title the chart title
     * @param yTitle the y axis title, e.g. "labelled flicker (%)"
     */
    public FlickerPlot(String title, String yTitle) {
        this.title = title;
        this.yTitle = yTitle;
    }

    /**
     * Adds one run's per-pair flicker (fractions, NaN for a pair without a value).
     *
     * @throws Seg4jException when the name is already used or no value is defined
     */
    public FlickerPlot add(String name, double[] perPair) {
        if (series.containsKey(name)) {
            throw new Seg4jException("flicker plot: series '" + name + "' added twice");
        }
        boolean any = false;
        for (double v : perPair) {
            any |= !Double.isNaN(v);
        }
        if (!any) {
            throw new Seg4jException("flicker plot: series '" + name + "' has no defined value");
        }
        series.put(name, perPair.clone());
        return this;
    }

    /** Renders the chart and writes it to {@code png}, atomically. */
    public void write(Path png) {
        PngFiles.write(png, render());
    }

    /** Renders the chart as a {@value #WIDTH} x {@value #HEIGHT} image. */
    public BufferedImage render() {
        if (series.isEmpty()) {
            throw new Seg4jException("flicker plot: no series");
        }
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("pair of consecutive frames").yAxisTitle(yTitle).build();
        var styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xE3, 0xE3, 0xE3));
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        styler.setChartTitleBoxVisible(false);
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setLegendPosition(LegendPosition.InsideNW);
        styler.setLegendLayout(LegendLayout.Vertical);
        styler.setLegendBorderColor(new Color(0xCC, 0xCC, 0xCC));
        // XChart puts a tick on every value when the data and the axis ends are equally spaced; a
        // half-pair right margin gives it room for round ticks (as in TrainingCurvesPlot)
        int pairs = series.values().stream().mapToInt(v -> v.length).max().orElse(1);
        styler.setXAxisMin(0.0);
        styler.setXAxisMax(pairs + 0.5);
        styler.setXAxisDecimalPattern("0");
        styler.setChartPadding(14);
        styler.setAntiAlias(true);
        styler.setLocale(Locale.ROOT);
        styler.setYAxisMin(0.0);
        styler.setYAxisDecimalPattern("0.#");
        int i = 0;
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            double sum = 0;
            double[] v = e.getValue();
            for (int p = 0; p < v.length; p++) {
                if (!Double.isNaN(v[p])) {
                    xs.add((double) p + 1);
                    ys.add(100 * v[p]);
                    sum += v[p];
                }
            }
            String name = String.format(Locale.ROOT, "%s (mean over pairs %.2f%%)", e.getKey(), 100 * sum / xs.size());
            XYSeries s = chart.addSeries(name, xs, ys);
            Color colour = PALETTE[i++ % PALETTE.length];
            s.setLineColor(colour);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineStyle(new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        }
        return BitmapEncoder.getBufferedImage(chart);
    }
}
