package org.seg4j.infer.instance;

import java.nio.file.Path;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.LabelMask;
import org.seg4j.data.PngFiles;
import org.seg4j.data.RgbImage;
import org.seg4j.data.instance.CocoPanopticWriter;
import org.seg4j.data.instance.InstancePng;
import org.seg4j.infer.FolderPrediction;
import org.seg4j.infer.Probabilities;

/**
 * The instance outputs of {@code predict --method components}, per image {@code <stem>}:
 * {@code <stem>_instances.png} (16-bit gray, instance number per pixel, 0 = none),
 * {@code <stem>_instances_overlay.png} (each instance in its own colour) and
 * {@code panoptic/<stem>.png}, one COCO panoptic PNG per image; {@link #finish()} writes
 * {@code panoptic.json} beside them. All files are written atomically.
 */
public final class InstancePredictionWriter implements FolderPrediction.ExtraOutput {

    private final ComponentInstances components;
    private final double alpha;
    private final CocoPanopticWriter coco;
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
        this.alpha = alpha;
        this.coco = new CocoPanopticWriter(outDir.resolve("panoptic.json"), outDir.resolve("panoptic"), classes);
    }

    @Override
    public boolean needsProbabilities() {
        return true;
    }

    @Override
    public synchronized void write(Path outDir, String stem, RgbImage image, LabelMask mask, Probabilities probs) {
        InstanceSegmentation s = components.segment(mask, probs);
        if (s.instances().size() > 0xFFFF) {
            throw new IllegalArgumentException(stem + ": " + s.instances().size()
                    + " instances do not fit a 16-bit instance PNG; raise --min-area");
        }
        int[] ids = s.instanceIds();
        InstancePng.writeIds(outDir.resolve(stem + "_instances.png"), ids, image.width(), image.height());
        PngFiles.write(outDir.resolve(stem + "_instances_overlay.png"), InstanceOverlay.render(image, ids, alpha));
        coco.add(nextImageId++, stem + ".png", s.panoptic());
    }

    /** Writes {@code panoptic.json}; call once after the last image. */
    public void finish() {
        coco.finish();
    }
}
