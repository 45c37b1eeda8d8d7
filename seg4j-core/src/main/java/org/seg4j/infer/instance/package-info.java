/**
 * Instances from predictions: the classical {@link org.seg4j.infer.instance.ComponentInstances}
 * (connected regions of a semantic map, optionally split by a distance-transform watershed) and the
 * bottom-up {@link org.seg4j.infer.instance.CenterGrouping} of Panoptic-DeepLab (centre heat map
 * and offsets). Both return an {@link org.seg4j.infer.instance.InstanceSegmentation}; the CLI
 * writes it with {@link org.seg4j.infer.instance.InstancePredictionWriter}.
 */
package org.seg4j.infer.instance;
