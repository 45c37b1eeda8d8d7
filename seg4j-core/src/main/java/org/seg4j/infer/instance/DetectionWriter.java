package org.seg4j.infer.instance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.PngFiles;
import org.seg4j.data.RgbImage;
import org.seg4j.data.instance.InstancePng;
import org.seg4j.util.Json;

/**
 * The outputs of a detector such as Mask R-CNN, whose instances may overlap, per image {@code
 * <stem>}: {@code <stem>_instances.png} (16-bit gray, instance number per pixel, 0 = none; where
 * masks overlap the higher-scoring instance wins) and {@code <stem>_instances_overlay.png} (each
 * instance in its own colour with its box and {@code class score}); {@link #finish()} writes
 * {@value #RESULTS_JSON} (COCO results: RLE masks, boxes, scores, {@code category_id} = class id
 * + 1), {@value #IMAGES_JSON} (the COCO {@code images} entries those results refer to) and
 * {@code instances.json} (per image each instance's number, class, score, box and area). All
 * files are written atomically.
 */
public final class DetectionWriter {

    /** COCO results file. */
    public static final String RESULTS_JSON = "coco_results.json";
    /** The images of the results: id, file name, size. */
    public static final String IMAGES_JSON = "coco_images.json";

    private final ClassMeta classes;
    private final Path outDir;
    private final double alpha;
    private final ArrayNode results = CocoDetectionResults.newResults();
    private final List<Map<String, Object>> images = new ArrayList<>();
    private final List<Map<String, Object>> listed = new ArrayList<>();
    private long nextImageId = 1;

    /**
     * @param classes the model's classes
     * @param outDir where the per-image and summary files go
     * @param alpha overlay opacity, 0..1
     */
    public DetectionWriter(ClassMeta classes, Path outDir, double alpha) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("overlay alpha must be in 0..1, got " + alpha);
        }
        this.classes = classes;
        this.outDir = outDir;
        this.alpha = alpha;
    }

    /**
     * Instance number per pixel: instance {@code k} of {@code instances} (best first) is {@code
     * k + 1}; a pixel claimed by several masks keeps the best-scoring one.
     */
    public static int[] instanceIds(List<DetectedInstance> instances, int width, int height) {
        int[] ids = new int[width * height];
        for (int k = instances.size() - 1; k >= 0; k--) {
            boolean[] m = instances.get(k).mask();
            for (int i = 0; i < ids.length; i++) {
                if (m[i]) {
                    ids[i] = k + 1;
                }
            }
        }
        return ids;
    }

    /** Writes the files of one image; {@code instances} best first, as the predictor returns them. */
    public synchronized void write(String stem, RgbImage image, List<DetectedInstance> instances) {
        if (instances.size() > 0xFFFF) {
            throw new IllegalArgumentException(stem + ": " + instances.size()
                    + " instances do not fit a 16-bit instance PNG; raise --min-score");
        }
        int w = image.width();
        int h = image.height();
        int[] ids = instanceIds(instances, w, h);
        InstancePng.writeIds(outDir.resolve(stem + "_instances.png"), ids, w, h);
        PngFiles.write(outDir.resolve(stem + "_instances_overlay.png"), overlay(image, ids, instances));
        long imageId = nextImageId++;
        Map<String, Object> im = new LinkedHashMap<>();
        im.put("id", imageId);
        im.put("file_name", stem + ".png");
        im.put("width", w);
        im.put("height", h);
        images.add(im);
        CocoDetectionResults.add(results, imageId, instances, w, h);
        for (int k = 0; k < instances.size(); k++) {
            DetectedInstance d = instances.get(k);
            float[] b = d.box();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("image", stem);
            m.put("instance", k + 1);
            m.put("class_id", d.classId());
            m.put("class", classes.name(d.classId()));
            m.put("score", d.score());
            m.put("bbox", new float[] {b[0], b[1], b[2] - b[0], b[3] - b[1]});
            m.put("area", d.area());
            listed.add(m);
        }
    }

    private BufferedImage overlay(RgbImage image, int[] ids, List<DetectedInstance> instances) {
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

    /** Writes the COCO results, their images and {@code instances.json}; call once after the last image. */
    public synchronized void finish() {
        CocoDetectionResults.write(outDir.resolve(RESULTS_JSON), results);
        Json.writeJson(outDir.resolve(IMAGES_JSON), images);
        Json.writeJson(outDir.resolve(InstancePredictionWriter.INSTANCES_JSON), listed);
    }
}
