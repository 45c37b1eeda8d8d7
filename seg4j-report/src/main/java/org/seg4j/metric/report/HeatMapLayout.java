package org.seg4j.metric.report;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Geometry of a {@link ConfusionMatrixPlot}: where the title, grid, class names and colour bar go,
 * derived from the number of classes and the length of their names.
 *
 * @param cell side of one cell in pixels
 * @param gridX left edge of the grid
 * @param gridY top edge of the grid
 * @param n number of classes
 * @param rotatedLabels whether the column names are drawn at 45 degrees
 * @param width image width
 * @param height image height
 * @param labelFont font of the class names
 * @param valueFont font of the cell annotations
 */
record HeatMapLayout(int cell, int gridX, int gridY, int n, boolean rotatedLabels, int width, int height,
        Font labelFont, Font valueFont) {

    static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    static final Font SUBTITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    static final Font AXIS_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    static final int PAD = 20;
    static final int BAR_GAP = 24;
    static final int BAR_WIDTH = 16;
    private static final int MIN_CELL = 30;
    private static final int MAX_CELL = 120;
    private static final int GRID_TARGET = 660;

    /** The layout for these class names. */
    static HeatMapLayout of(List<String> names) {
        int n = names.size();
        int cell = Math.max(MIN_CELL, Math.min(MAX_CELL, GRID_TARGET / n));
        Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, n <= 12 ? 13 : 12);
        Font valueFont = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(10, Math.min(15, cell * 3 / 10)));
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            FontMetrics label = g.getFontMetrics(labelFont);
            FontMetrics title = g.getFontMetrics(TITLE_FONT);
            FontMetrics subtitle = g.getFontMetrics(SUBTITLE_FONT);
            FontMetrics axis = g.getFontMetrics(AXIS_FONT);
            FontMetrics tick = g.getFontMetrics(TICK_FONT);
            int maxName = 0;
            for (String name : names) {
                maxName = Math.max(maxName, label.stringWidth(name));
            }
            boolean rotated = maxName > cell - 6;
            int xLabels = rotated
                    ? (int) Math.ceil(maxName * Math.sqrt(0.5) + label.getHeight())
                    : label.getHeight();
            int gridX = PAD + axis.getHeight() + 10 + maxName + 8;
            int gridY = PAD + title.getHeight() + subtitle.getHeight() + 16;
            int gridSize = n * cell;
            int width = gridX + gridSize + BAR_GAP + BAR_WIDTH + 7 + tick.stringWidth("100%") + PAD;
            width = Math.max(width, PAD * 2 + subtitle.stringWidth(ConfusionMatrixPlot.SUBTITLE));
            int height = gridY + gridSize + 8 + xLabels + 12 + axis.getHeight() + PAD;
            return new HeatMapLayout(cell, gridX, gridY, n, rotated, width, height, labelFont, valueFont);
        } finally {
            g.dispose();
        }
    }

    int gridSize() {
        return n * cell;
    }

    int cellX(int column) {
        return gridX + column * cell;
    }

    int cellY(int row) {
        return gridY + row * cell;
    }

    int barX() {
        return gridX + gridSize() + BAR_GAP;
    }
}
