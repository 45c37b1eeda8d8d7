package org.seg4j.metric.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws the training curves of a run into one PNG with two panels side by side: the losses
 * (training and, when recorded, validation) on the left and the validation metrics (mIoU and
 * pixel accuracy, in percent) on the right. Missing values leave the point out; a panel without
 * any data says so instead of showing empty axes.
 */
public final class TrainingCurvesPlot {

    /** Conventional file name of the plot. */
    public static final String FILE_NAME = "curves.png";

    /** Width of one panel; the image is two panels wide. */
    public static final int PANEL_WIDTH = 720;

    /** Height of the image. */
    public static final int HEIGHT = 480;

    /** Width of the image. */
    public static final int WIDTH = 2 * PANEL_WIDTH;

    private static final Color TRAIN = new Color(0x1F, 0x77, 0xB4);
    private static final Color VALIDATION = new Color(0xFF, 0x7F, 0x0E);
    private static final Color MIOU = new Color(0x2C, 0xA0, 0x2C);
    private static final Color ACCURACY = new Color(0x94, 0x67, 0xBD);
    private static final Color GRID = new Color(0xE3, 0xE3, 0xE3);
    private static final Color MUTED = new Color(0x77, 0x77, 0x77);
    private static final int MAX_POINTS_WITH_MARKERS = 40;

    private TrainingCurvesPlot() {}

    /** Renders {@code curves} and writes them to {@code png}, atomically. */
    public static void write(Path png, TrainingCurves curves) {
        PngFiles.write(png, render(curves));
    }

    /** Renders {@code curves} as a {@value #WIDTH} x {@value #HEIGHT} image. */
    public static BufferedImage render(TrainingCurves curves) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            XYChart loss = chart("Loss", "loss", curves);
            add(loss, "train loss", curves.epochs(), curves.trainLoss(), 1, TRAIN, false);
            add(loss, "val loss", curves.epochs(), curves.valLoss(), 1, VALIDATION, false);
            lossRange(loss, curves);
            loss.getStyler().setyAxisTickLabelsFormattingFunction(TrainingCurvesPlot::lossTick);
            paint(g, loss, 0, "no loss recorded");

            XYChart metrics = chart("Validation metrics", "%", curves);
            add(metrics, label("val mIoU", curves.epochs(), curves.valMiou()), curves.epochs(), curves.valMiou(),
                    100, MIOU, false);
            add(metrics, "val pixel accuracy", curves.epochs(), curves.valPixelAccuracy(), 100, ACCURACY, true);
            percentRange(metrics, curves);
            metrics.getStyler().setyAxisTickLabelsFormattingFunction(TrainingCurvesPlot::percentTick);
            paint(g, metrics, PANEL_WIDTH, "no validation metrics recorded");
        } finally {
            g.dispose();
        }
        return image;
    }

    private static XYChart chart(String title, String yTitle, TrainingCurves curves) {
        XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("epoch").yAxisTitle(yTitle).build();
        var styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(MUTED);
        styler.setPlotGridLinesColor(GRID);
        styler.setPlotGridLinesStroke(new BasicStroke(1f));
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        styler.setChartTitleBoxVisible(false);
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setLegendPosition(LegendPosition.OutsideS);
        styler.setLegendLayout(LegendLayout.Horizontal);
        styler.setLegendBorderColor(Color.WHITE);
        styler.setChartPadding(14);
        styler.setMarkerSize(6);
        styler.setAntiAlias(true);
        styler.setLocale(Locale.ROOT);
        styler.setxAxisTickLabelsFormattingFunction(TrainingCurvesPlot::epochTick);
        List<Integer> epochs = curves.epochs();
        if (!epochs.isEmpty()) {
            // XChart puts one (crowded) tick on every value when the data and the axis ends are
            // equally spaced, and draws no ticks when both ends format alike; an integer left end
            // and a half-epoch right margin avoid both. A single epoch needs a non-empty range.
            int first = epochs.stream().mapToInt(Integer::intValue).min().orElseThrow();
            int last = epochs.stream().mapToInt(Integer::intValue).max().orElseThrow();
            styler.setXAxisMin(first - 1.0);
            styler.setXAxisMax(first == last ? last + 1.0 : last + 0.5);
        }
        styler.setYAxisLabelAlignment(AxesChartStyler.TextAlignment.Right);
        return chart;
    }

    // Explicit y ranges: XChart's automatic range hugs the data and degenerates for one epoch.
    private static void lossRange(XYChart chart, TrainingCurves curves) {
        double[] range = range(curves.trainLoss(), curves.valLoss());
        if (range == null) {
            return;
        }
        double min = range[0] >= 0 ? 0 : -niceCeil(-range[0]);
        double max = range[1] > 0 ? niceCeil(range[1] * 1.05) : 0;
        chart.getStyler().setYAxisMin(min);
        chart.getStyler().setYAxisMax(max > min ? max : min + 1);
    }

    private static void percentRange(XYChart chart, TrainingCurves curves) {
        double[] range = range(curves.valMiou(), curves.valPixelAccuracy());
        if (range == null) {
            return;
        }
        double min = Math.max(0, Math.floor((range[0] * 100 - 5) / 10) * 10);
        double max = Math.min(100, Math.ceil((range[1] * 100 + 5) / 10) * 10);
        chart.getStyler().setYAxisMin(min);
        chart.getStyler().setYAxisMax(max > min ? max : min + 10);
    }

    /** Smallest and largest defined value of the series, or null when none is defined. */
    @SafeVarargs
    private static double[] range(List<Double>... series) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (List<Double> values : series) {
            for (double v : values) {
                if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return min > max ? null : new double[] {min, max};
    }

    /** {@code value} rounded up to a multiple of half its order of magnitude: 2.18 -> 2.5, 0.37 -> 0.4. */
    private static double niceCeil(double value) {
        double step = Math.pow(10, Math.floor(Math.log10(value))) / 2;
        return Math.ceil(value / step) * step;
    }

    /** Adds the defined points of {@code values} (times {@code scale}); nothing when there are none. */
    private static void add(XYChart chart, String name, List<Integer> epochs, List<Double> values, double scale,
            Color colour, boolean dashed) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            double v = values.get(i);
            if (!Double.isNaN(v)) {
                xs.add((double) epochs.get(i));
                ys.add(v * scale);
            }
        }
        if (xs.isEmpty()) {
            return;
        }
        XYSeries series = chart.addSeries(name, xs, ys);
        series.setLineColor(colour);
        series.setMarkerColor(colour);
        series.setLineStyle(dashed
                ? new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 5f}, 0f)
                : new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        series.setMarker(xs.size() <= MAX_POINTS_WITH_MARKERS ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    }

    /** The series name, with the best value and its epoch when there is one. */
    private static String label(String name, List<Integer> epochs, List<Double> values) {
        int best = -1;
        for (int i = 0; i < values.size(); i++) {
            if (!Double.isNaN(values.get(i)) && (best < 0 || values.get(i) > values.get(best))) {
                best = i;
            }
        }
        return best < 0 ? name : String.format(Locale.ROOT, "%s (best %.1f%% at epoch %d)", name,
                values.get(best) * 100, epochs.get(best));
    }

    private static void paint(Graphics2D g, XYChart chart, int x, String emptyMessage) {
        Graphics2D panel = (Graphics2D) g.create(x, 0, PANEL_WIDTH, HEIGHT);
        try {
            if (!chart.getSeriesMap().isEmpty()) {
                chart.paint(panel, PANEL_WIDTH, HEIGHT);
                return;
            }
            panel.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            panel.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            FontMetrics title = panel.getFontMetrics();
            panel.setColor(Color.BLACK);
            panel.drawString(chart.getTitle(), (PANEL_WIDTH - title.stringWidth(chart.getTitle())) / 2,
                    14 + title.getAscent());
            panel.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 14));
            FontMetrics fm = panel.getFontMetrics();
            panel.setColor(MUTED);
            panel.drawString(emptyMessage, (PANEL_WIDTH - fm.stringWidth(emptyMessage)) / 2, HEIGHT / 2);
        } finally {
            panel.dispose();
        }
    }

    /** Epoch ticks are whole numbers; XChart may place ticks between them, which stay blank. */
    private static String epochTick(Double x) {
        double r = Math.rint(x);
        return Math.abs(x - r) < 1e-6 ? String.valueOf((long) r) : "";
    }

    private static String lossTick(Double y) {
        String s = String.format(Locale.ROOT, "%.4f", y);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String percentTick(Double y) {
        double r = Math.rint(y);
        return Math.abs(y - r) < 1e-6
                ? String.format(Locale.ROOT, "%.0f%%", r)
                : String.format(Locale.ROOT, "%.1f%%", y);
    }
}
