package org.seg4j.metric.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.seg4j.metric.ConfusionMatrix;

/**
 * Draws a confusion matrix as a heat map: rows are true classes, columns predicted classes, and
 * each row is normalised to sum to 1, so the diagonal reads as per-class recall. Cells carry their
 * percentage when they are large enough to read; rows of classes without true pixels are grey.
 * Plain Java2D rather than XChart's heat map, which cannot annotate cells or rotate class names.
 */
public final class ConfusionMatrixPlot {

    static final Color BACKGROUND = Color.WHITE;
    static final Color EMPTY_ROW = new Color(0xE8, 0xE8, 0xE8);
    private static final Color TEXT = new Color(0x22, 0x22, 0x22);
    private static final Color MUTED = new Color(0x77, 0x77, 0x77);
    private static final Color FRAME = new Color(0x99, 0x99, 0x99);

    // Sequential white-to-blue scale (ColorBrewer "Blues"), evenly spaced stops.
    private static final Color[] SCALE = {
        new Color(247, 251, 255), new Color(198, 219, 239), new Color(107, 174, 214),
        new Color(33, 113, 181), new Color(8, 48, 107),
    };

    private static final String TITLE = "Confusion matrix";
    static final String SUBTITLE = "Rows normalised per true class: the diagonal is each class's recall";
    private static final int PAD = HeatMapLayout.PAD;
    private static final int MIN_ANNOTATED_CELL = 26;
    private static final int BAR_WIDTH = HeatMapLayout.BAR_WIDTH;

    private ConfusionMatrixPlot() {}

    /** Renders the heat map of {@code matrix} and writes it to {@code file} as PNG, atomically. */
    public static void write(Path file, ConfusionMatrix matrix, List<String> classNames) {
        PngFiles.write(file, render(matrix, classNames));
    }

    /** Renders the heat map of {@code matrix}, labelled with {@code classNames} (one per class). */
    public static BufferedImage render(ConfusionMatrix matrix, List<String> classNames) {
        if (classNames.size() != matrix.numClasses()) {
            throw new IllegalArgumentException(classNames.size() + " class names for a " + matrix.numClasses()
                    + "-class confusion matrix");
        }
        HeatMapLayout layout = HeatMapLayout.of(classNames);
        BufferedImage image = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, layout.width(), layout.height());
            drawTitle(g);
            long[][] rows = matrix.toRows();
            drawCells(g, layout, rows);
            drawClassNames(g, layout, classNames, rows);
            drawColourBar(g, layout);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Colour of a row-normalised value in 0..1. */
    static Color colour(double value) {
        double v = Math.max(0, Math.min(1, value)) * (SCALE.length - 1);
        int i = Math.min((int) v, SCALE.length - 2);
        double t = v - i;
        Color a = SCALE[i];
        Color b = SCALE[i + 1];
        return new Color(
                (int) Math.round(a.getRed() + t * (b.getRed() - a.getRed())),
                (int) Math.round(a.getGreen() + t * (b.getGreen() - a.getGreen())),
                (int) Math.round(a.getBlue() + t * (b.getBlue() - a.getBlue())));
    }

    private static void drawTitle(Graphics2D g) {
        g.setFont(HeatMapLayout.TITLE_FONT);
        g.setColor(TEXT);
        FontMetrics title = g.getFontMetrics();
        g.drawString(TITLE, PAD, PAD + title.getAscent());
        g.setFont(HeatMapLayout.SUBTITLE_FONT);
        g.setColor(MUTED);
        g.drawString(SUBTITLE, PAD, PAD + title.getHeight() + g.getFontMetrics().getAscent() + 2);
    }

    private static void drawCells(Graphics2D g, HeatMapLayout l, long[][] rows) {
        int n = rows.length;
        int s = l.cell();
        boolean annotate = s >= MIN_ANNOTATED_CELL;
        g.setFont(l.valueFont());
        FontMetrics fm = g.getFontMetrics();
        for (int t = 0; t < n; t++) {
            long rowTotal = 0;
            for (long c : rows[t]) {
                rowTotal += c;
            }
            if (rowTotal == 0) {
                continue;
            }
            for (int p = 0; p < n; p++) {
                int x = l.cellX(p);
                int y = l.cellY(t);
                double value = (double) rows[t][p] / rowTotal;
                g.setColor(colour(value));
                g.fillRect(x, y, s, s);
                if (annotate && rows[t][p] > 0) {
                    String text = annotation(value, s);
                    g.setColor(value > 0.5 ? Color.WHITE : TEXT);
                    g.drawString(text, x + (s - fm.stringWidth(text)) / 2,
                            y + (s - fm.getHeight()) / 2 + fm.getAscent());
                }
            }
        }
        // thin white lines separate the cells; a grey frame closes the grid
        g.setColor(BACKGROUND);
        g.setStroke(new BasicStroke(1f));
        for (int i = 1; i < n; i++) {
            g.drawLine(l.cellX(i), l.gridY(), l.cellX(i), l.gridY() + n * s - 1);
            g.drawLine(l.gridX(), l.cellY(i), l.gridX() + n * s - 1, l.cellY(i));
        }
        for (int t = 0; t < n; t++) {
            if (isEmpty(rows[t])) {
                // one grey band (drawn over the separators) so the note reads across the row
                g.setColor(EMPTY_ROW);
                g.fillRect(l.gridX(), l.cellY(t) + 1, n * s, s - 1);
                g.setColor(MUTED);
                String text = "no labelled pixels";
                g.drawString(text, l.gridX() + (n * s - fm.stringWidth(text)) / 2,
                        l.cellY(t) + (s - fm.getHeight()) / 2 + fm.getAscent());
            }
        }
        g.setColor(FRAME);
        g.drawRect(l.gridX(), l.gridY(), n * s, n * s);
    }

    private static boolean isEmpty(long[] row) {
        for (long c : row) {
            if (c != 0) {
                return false;
            }
        }
        return true;
    }

    /** The cell text: a percentage, with a decimal when the cell has room for it. */
    static String annotation(double value, int cell) {
        double pct = value * 100;
        if (cell >= 64) {
            return pct < 0.05 ? "<0.1" : String.format(Locale.ROOT, "%.1f", pct);
        }
        return pct < 0.5 ? "<1" : String.format(Locale.ROOT, "%.0f", pct);
    }

    private static void drawClassNames(Graphics2D g, HeatMapLayout l, List<String> names, long[][] rows) {
        int n = names.size();
        int s = l.cell();
        g.setFont(l.labelFont());
        FontMetrics fm = g.getFontMetrics();
        for (int t = 0; t < n; t++) {
            boolean present = !isEmpty(rows[t]);
            g.setColor(present ? TEXT : MUTED);
            String name = names.get(t);
            g.drawString(name, l.gridX() - 8 - fm.stringWidth(name),
                    l.cellY(t) + (s - fm.getHeight()) / 2 + fm.getAscent());
        }
        g.setColor(TEXT);
        int top = l.gridY() + n * s + 8;
        for (int p = 0; p < n; p++) {
            String name = names.get(p);
            int centre = l.cellX(p) + s / 2;
            if (!l.rotatedLabels()) {
                g.drawString(name, centre - fm.stringWidth(name) / 2, top + fm.getAscent());
                continue;
            }
            // Rotated 45 degrees so that the name ends just below its column.
            AffineTransform saved = g.getTransform();
            g.translate(centre + fm.getAscent() / 2.0, top);
            g.rotate(-Math.PI / 4);
            g.drawString(name, -fm.stringWidth(name), fm.getAscent() / 2);
            g.setTransform(saved);
        }

        g.setFont(HeatMapLayout.AXIS_FONT);
        FontMetrics afm = g.getFontMetrics();
        String predicted = "Predicted class";
        g.drawString(predicted, l.gridX() + (n * s - afm.stringWidth(predicted)) / 2,
                l.height() - PAD - afm.getDescent());
        String truth = "True class";
        AffineTransform saved = g.getTransform();
        g.translate(PAD + afm.getAscent(), l.gridY() + (n * s + afm.stringWidth(truth)) / 2.0);
        g.rotate(-Math.PI / 2);
        g.drawString(truth, 0, 0);
        g.setTransform(saved);
    }

    private static void drawColourBar(Graphics2D g, HeatMapLayout l) {
        int x = l.barX();
        int y = l.gridY();
        int h = l.gridSize();
        for (int i = 0; i < h; i++) {
            g.setColor(colour(1 - (double) i / (h - 1)));
            g.fillRect(x, y + i, BAR_WIDTH, 1);
        }
        g.setColor(FRAME);
        g.drawRect(x, y, BAR_WIDTH, h);
        g.setFont(HeatMapLayout.TICK_FONT);
        FontMetrics fm = g.getFontMetrics();
        for (int pct = 0; pct <= 100; pct += 25) {
            int ty = y + (int) Math.round((100 - pct) / 100.0 * h);
            g.setColor(FRAME);
            g.drawLine(x + BAR_WIDTH, ty, x + BAR_WIDTH + 4, ty);
            g.setColor(TEXT);
            g.drawString(pct + "%", x + BAR_WIDTH + 7, ty + fm.getAscent() / 2 - 1);
        }
    }
}
