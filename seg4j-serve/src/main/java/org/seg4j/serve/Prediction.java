package org.seg4j.serve;

import java.util.List;
import org.seg4j.data.LabelMask;
import org.seg4j.infer.Probabilities;
import org.seg4j.infer.instance.DetectedInstance;
import org.seg4j.infer.instance.InstanceSegmentation;

/**
 * What the batcher hands back for one image.
 *
 * @param mask the class map, or {@code null} for an instance-only model (Mask R-CNN)
 * @param probabilities the class probabilities when the request asked for them (a soft-edged
 *     cutout) and the model has them, else {@code null}
 * @param segmentation a panoptic model's (or components') instances and panoptic map, else {@code null}
 * @param detections the instances, best first, as a detector's (panoptic and instance models),
 *     else {@code null}
 */
record Prediction(LabelMask mask, Probabilities probabilities, InstanceSegmentation segmentation,
        List<DetectedInstance> detections) {

    /** A semantic model's prediction. */
    static Prediction semantic(LabelMask mask, Probabilities probabilities) {
        return new Prediction(mask, probabilities, null, null);
    }
}
