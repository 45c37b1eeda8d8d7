package org.seg4j.serve;

import java.util.List;
import org.seg4j.SegmentationResult;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.instance.DetectedInstance;
import org.seg4j.infer.instance.InstanceSegmentation;

/**
 * One image's answer before it is encoded: what the {@link SegmentHandler.Renderer} gets.
 *
 * @param task what the model predicts
 * @param image the decoded upload
 * @param classes the model's classes
 * @param semantic the class map and its statistics, or {@code null} for an instance-only model
 * @param segmentation a panoptic model's (or components') instances and panoptic map, else {@code null}
 * @param detections the instances, best first (panoptic and instance models), else {@code null}
 */
record ServedResult(ModelTask task, RgbImage image, ClassMeta classes, SegmentationResult semantic,
        InstanceSegmentation segmentation, List<DetectedInstance> detections) {}
