package org.seg4j.infer.instance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
        PngFiles.write(outDir.resolve(stem + "_instances_overlay.png"), DetectionOverlay.render(image, ids, instances,
                classes, alpha));
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

    /** Writes the COCO results, their images and {@code instances.json}; call once after the last image. */
    public synchronized void finish() {
        CocoDetectionResults.write(outDir.resolve(RESULTS_JSON), results);
        Json.writeJson(outDir.resolve(IMAGES_JSON), images);
        Json.writeJson(outDir.resolve(InstancePredictionWriter.INSTANCES_JSON), listed);
    }
}
