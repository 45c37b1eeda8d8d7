package org.seg4j.infer.instance;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.RgbImage;

/**
 * The overlay of a detector's instances ({@code <stem>_instances_overlay.png} of {@code predict},
 * {@code format=instance_overlay} of {@code serve}): each instance in its own colour ({@link
 * InstanceOverlay}), with its box and a {@code class score} label kept inside the image.
 */
public final class DetectionOverlay {

    private DetectionOverlay() {}

    /** The overlay of {@code instances} (best first) over {@code image}; {@code alpha} in 0..1. */
    public static BufferedImage render(RgbImage image, List<DetectedInstance> instances, ClassMeta classes,
            double alpha) {
        return render(image, DetectionWriter.instanceIds(instances, image.width(), image.height()), instances,
                classes, alpha);
    }

    /** As {@link #render(RgbImage, List, ClassMeta, double)}, with the instance map already computed. */
    static BufferedImage render(RgbImage image, int[] ids, List<DetectedInstance> instances, ClassMeta classes,
            double alpha) {
        BufferedImage out = InstanceOverlay.render(image, ids, alpha);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int fontSize = Math.max(9, Math.min(image.width(), image.height()) / 30);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, fontSize));
            g.setStroke(new BasicStroke(Math.max(1f, fontSize / 8f)));
            for (int k = instances.size() - 1; k >= 0; k--) {
                DetectedInstance d = instances.get(k);
                float[] b = d.box();
                Color c = new Color(InstanceOverlay.colour(k + 1));
                g.setColor(c);
                int x = Math.round(b[0]);
                int y = Math.round(b[1]);
                g.drawRect(x, y, Math.max(1, Math.round(b[2] - b[0]) - 1), Math.max(1, Math.round(b[3] - b[1]) - 1));
                String label = String.format(Locale.ROOT, "%s %.2f", classes.name(d.classId()), d.score());
                int tw = g.getFontMetrics().stringWidth(label);
                int th = g.getFontMetrics().getAscent();
                int ty = y - th - 2 >= 0 ? y - th - 2 : y;
                int tx = Math.max(0, Math.min(x, image.width() - tw - 4)); // keep the label inside the image
                g.fillRect(tx, ty, tw + 4, th + 2);
                g.setColor(brightness(c) > 140 ? Color.BLACK : Color.WHITE);
                g.drawString(label, tx + 2, ty + th);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    private static double brightness(Color c) {
        return 0.299 * c.getRed() + 0.587 * c.getGreen() + 0.114 * c.getBlue();
    }
}
