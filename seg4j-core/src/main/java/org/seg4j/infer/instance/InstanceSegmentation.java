package org.seg4j.infer.instance;

import java.util.ArrayList;
import java.util.List;
import org.seg4j.data.instance.PanopticAnnotation;
import org.seg4j.metric.instance.Detection;

/**
 * The instances of one image, as a panoptic annotation (thing instances and one segment per stuff
 * class present; void where nothing was kept) and as a list of thing instances with score, box and
 * area. Instance {@code k} of {@link #instances()} has id {@code k + 1} in {@link #instanceIds()}.
 */
public final class InstanceSegmentation {

    private final PanopticAnnotation panoptic;
    private final List<PredictedInstance> instances;

    /**
     * @param panoptic every segment of the image
     * @param instances the thing instances among them
     */
    public InstanceSegmentation(PanopticAnnotation panoptic, List<PredictedInstance> instances) {
        this.panoptic = panoptic;
        this.instances = List.copyOf(instances);
        for (PredictedInstance p : instances) {
            if (panoptic.segment(p.segmentId()) == null) {
                throw new IllegalArgumentException("instance of segment " + p.segmentId() + " is not in the annotation");
            }
        }
    }

    /** All segments (things and stuff). */
    public PanopticAnnotation panoptic() {
        return panoptic;
    }

    /** The thing instances. */
    public List<PredictedInstance> instances() {
        return instances;
    }

    /** The pixels of an instance, row-major. */
    public boolean[] mask(PredictedInstance instance) {
        return panoptic.mask(instance.segmentId());
    }

    /** Instance number per pixel: {@code k + 1} for instance {@code k}, 0 elsewhere (stuff, void). */
    public int[] instanceIds() {
        int max = 0;
        for (PredictedInstance p : instances) {
            max = Math.max(max, p.segmentId());
        }
        int[] number = new int[max + 1];
        for (int k = 0; k < instances.size(); k++) {
            number[instances.get(k).segmentId()] = k + 1;
        }
        int[] ids = panoptic.ids();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = ids[i] <= max ? number[ids[i]] : 0;
        }
        return out;
    }

    /**
     * The instances as a detector's, best first as listed: box {@code x1, y1, x2, y2} from the COCO
     * box, for {@link CocoDetectionResults} and {@link DetectionOverlay}.
     */
    public List<DetectedInstance> asDetected() {
        List<DetectedInstance> out = new ArrayList<>();
        for (PredictedInstance p : instances) {
            int[] b = p.box();
            out.add(new DetectedInstance(p.classId(), p.score(), new float[] {b[0], b[1], b[0] + b[2], b[1] + b[3]},
                    mask(p), p.area()));
        }
        return out;
    }

    /** The instances as detections for {@link org.seg4j.metric.instance.MaskAp}. */
    public List<Detection> detections() {
        List<Detection> out = new ArrayList<>();
        for (PredictedInstance p : instances) {
            out.add(new Detection(p.classId(), p.score(), mask(p)));
        }
        return out;
    }
}
