/**
 * Instances from predictions: the classical {@link org.seg4j.infer.instance.ComponentInstances}
 * (connected regions of a semantic map, optionally split by a distance-transform watershed) and the
 * bottom-up {@link org.seg4j.infer.instance.CenterGrouping} of Panoptic-DeepLab (centre heat map
 * and offsets). Both return an {@link org.seg4j.infer.instance.InstanceSegmentation}; the CLI
 * writes it with {@link org.seg4j.infer.instance.InstancePredictionWriter}. The top-down
 * {@link org.seg4j.infer.instance.MaskRcnnPredictor} returns possibly overlapping
 * {@link org.seg4j.infer.instance.DetectedInstance}s (class, score, box, mask, area), with masks
 * pasted by {@link org.seg4j.infer.instance.MaskPaste}.
 */
package org.seg4j.infer.instance;
