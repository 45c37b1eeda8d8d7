package org.seg4j.data.quality;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seg4j.data.BufferedImages;
import org.seg4j.data.ImageFiles;
import org.seg4j.data.PngFiles;
import org.seg4j.util.AtomicFiles;
import org.seg4j.util.SheetCanvas;
import org.seg4j.util.Json;

/**
 * The report of {@code seg4j data sharpness --report DIR}: {@value #SHEET}, a contact sheet of the
 * blurriest images (thumbnails labelled with id and scores, drawn with Java2D),
 * {@value #HTML} listing them with the sheet, and {@value #JSON} with every image's scores.
 */
public final class SharpnessReport {

    /** Contact sheet file name. */
    public static final String SHEET = "blurriest.png";
    /** HTML report file name. */
    public static final String HTML = "report.html";
    /** Scores file name. */
    public static final String JSON = "sharpness.json";

    private static final int THUMB_WIDTH = 200;
    private static final int LABEL_HEIGHT = 34;
    private static final int COLUMNS = 4;

    private SharpnessReport() {}

    /**
     * Writes the three files into {@code dir}.
     *
     * @param threshold the blur threshold in use (Laplacian variance)
     * @param count how many of the blurriest images to show
     */
    public static void write(Path dir, SharpnessScores scores, double threshold, int count) {
        List<SharpnessScores.Score> shown = scores.blurriestFirst().subList(0, Math.min(count, scores.scores().size()));
        PngFiles.write(dir.resolve(SHEET), contactSheet(shown, threshold));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("threshold", threshold);
        json.put("below_threshold", scores.below(threshold).size());
        json.put("images", scores.toJson());
        Json.writeJson(dir.resolve(JSON), json);
        AtomicFiles.writeString(dir.resolve(HTML), html(shown, scores, threshold));
    }

    static BufferedImage contactSheet(List<SharpnessScores.Score> shown, double threshold) {
        int cols = Math.max(1, Math.min(COLUMNS, shown.size()));
        int rows = Math.max(1, (shown.size() + cols - 1) / cols);
        int cellH = THUMB_WIDTH * 3 / 4 + LABEL_HEIGHT;
        BufferedImage sheet = new BufferedImage(cols * THUMB_WIDTH, rows * cellH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = SheetCanvas.open(sheet);
        try {
            for (int k = 0; k < shown.size(); k++) {
                SharpnessScores.Score s = shown.get(k);
                int x = (k % cols) * THUMB_WIDTH;
                int y = (k / cols) * cellH;
                BufferedImage img = BufferedImages.toBufferedImage(ImageFiles.read(s.image()));
                double f = Math.min((double) (THUMB_WIDTH - 4) / img.getWidth(), (double) (cellH - LABEL_HEIGHT - 4)
                        / img.getHeight());
                int tw = Math.max(1, (int) (img.getWidth() * f));
                int th = Math.max(1, (int) (img.getHeight() * f));
                g.drawImage(img, x + 2, y + 2, tw, th, null);
                boolean blurry = s.sharpness().laplacianVariance() < threshold;
                g.setColor(blurry ? new Color(180, 0, 0) : Color.DARK_GRAY);
                g.drawString(s.id() + (blurry ? "  BLURRY" : ""), x + 3, y + cellH - LABEL_HEIGHT + 14);
                g.drawString(String.format(Locale.ROOT, "lap.var %.1f  teng. %.0f", s.sharpness().laplacianVariance(),
                        s.sharpness().tenengrad()), x + 3, y + cellH - LABEL_HEIGHT + 28);
            }
        } finally {
            g.dispose();
        }
        return sheet;
    }

    private static String html(List<SharpnessScores.Score> shown, SharpnessScores scores, double threshold) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                + "<title>seg4j sharpness report</title></head><body>\n<h1>Blurriest images</h1>\n");
        sb.append(String.format(Locale.ROOT, "<p>%d images; threshold (variance of the Laplacian) %.2f; %d below it."
                + "</p>\n<img src=\"%s\" alt=\"contact sheet\">\n<table border=\"1\" cellpadding=\"4\">\n"
                + "<tr><th>#</th><th>id</th><th>variance of Laplacian</th><th>Tenengrad</th><th>file</th></tr>\n",
                scores.scores().size(), threshold, scores.below(threshold).size(), SHEET));
        for (int k = 0; k < shown.size(); k++) {
            SharpnessScores.Score s = shown.get(k);
            sb.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%s</td><td>%.2f</td><td>%.1f</td><td>%s</td></tr>\n",
                    k + 1, escape(s.id()), s.sharpness().laplacianVariance(), s.sharpness().tenengrad(),
                    escape(s.image().toString())));
        }
        return sb.append("</table>\n</body></html>\n").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
