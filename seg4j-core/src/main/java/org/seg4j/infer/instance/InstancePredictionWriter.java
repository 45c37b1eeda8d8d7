package org.seg4j.infer.instance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.LabelMask;
import org.seg4j.data.PngFiles;
import org.seg4j.data.RgbImage;
import org.seg4j.data.instance.CocoPanopticWriter;
import org.seg4j.data.instance.InstancePng;
import org.seg4j.infer.FolderPrediction;
import org.seg4j.infer.Probabilities;
import org.seg4j.util.Json;

/**
 * The instance outputs of {@code predict --method components} and of panoptic models, per image
 * {@code <stem>}: {@code <stem>_instances.png} (16-bit gray, instance number per pixel, 0 = none),
 * {@code <stem>_instances_overlay.png} (each instance in its own colour) and
 * {@code panoptic/<stem>.png}, one COCO panoptic PNG per image; {@link #finish()} writes
 * {@code panoptic.json} beside them and {@code instances.json}: per image, each instance's number
 * (its value in the instance PNG), class, score, COCO box {@code [x, y, w, h]} and area. All files
 * are written atomically.
 */
public final class InstancePredictionWriter implements FolderPrediction.ExtraOutput {

    /** The per-instance listing written by {@link #finish()}. */
    public static final String INSTANCES_JSON = "instances.json";

    private final ComponentInstances components;
    private final ClassMeta classes;
    private final double alpha;
    private final CocoPanopticWriter coco;
    private final Path listing;
    private final List<Map<String, Object>> listed = new ArrayList<>();
    private long nextImageId = 1;

    /**
     * @param components how instances are found
     * @param classes the model's classes
     * @param outDir the output folder (holds {@code panoptic/} and {@code panoptic.json})
     * @param alpha overlay opacity, 0..1
     */
    public InstancePredictionWriter(ComponentInstances components, ClassMeta classes, Path outDir, double alpha) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("overlay alpha must be in 0..1, got " + alpha);
        }
        this.components = components;
        this.classes = classes;
        this.alpha = alpha;
        this.coco = new CocoPanopticWriter(outDir.resolve("panoptic.json"), outDir.resolve("panoptic"), classes);
        this.listing = outDir.resolve(INSTANCES_JSON);
    }

    /**
     * A writer of segmentations computed elsewhere (a panoptic model), given to {@link
     * #write(Path, String, RgbImage, InstanceSegmentation)}.
     */
    public InstancePredictionWriter(ClassMeta classes, Path outDir, double alpha) {
        this(null, classes, outDir, alpha);
    }

    @Override
    public boolean needsProbabilities() {
        return true;
    }

    @Override
    public void write(Path outDir, String stem, RgbImage image, LabelMask mask, Probabilities probs) {
        if (components == null) {
            throw new IllegalStateException("this writer has no ComponentInstances; pass the segmentation");
        }
        write(outDir, stem, image, components.segment(mask, probs));
    }

    /** Writes the instance files of one image's segmentation. */
    public synchronized void write(Path outDir, String stem, RgbImage image, InstanceSegmentation s) {
        if (s.instances().size() > 0xFFFF) {
            throw new IllegalArgumentException(stem + ": " + s.instances().size()
                    + " instances do not fit a 16-bit instance PNG; raise --min-area");
        }
        int[] ids = s.instanceIds();
        InstancePng.writeIds(outDir.resolve(stem + "_instances.png"), ids, image.width(), image.height());
        PngFiles.write(outDir.resolve(stem + "_instances_overlay.png"), InstanceOverlay.render(image, ids, alpha));
        coco.add(nextImageId++, stem + ".png", s.panoptic());
        for (int k = 0; k < s.instances().size(); k++) {
            PredictedInstance p = s.instances().get(k);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("image", stem);
            m.put("instance", k + 1);
            m.put("class_id", p.classId());
            m.put("class", classes.name(p.classId()));
            m.put("score", p.score());
            m.put("bbox", p.box());
            m.put("area", p.area());
            listed.add(m);
        }
    }

    /** Writes {@code panoptic.json} and {@code instances.json}; call once after the last image. */
    public synchronized void finish() {
        coco.finish();
        Json.writeJson(listing, listed);
    }
}
