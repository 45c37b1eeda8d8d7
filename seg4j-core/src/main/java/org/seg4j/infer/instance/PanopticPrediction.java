package org.seg4j.infer.instance;

import org.seg4j.data.LabelMask;

/**
 * What a panoptic model predicts for one image: the semantic class map (arg-max of the semantic
 * head) and the grouped result, whose {@link InstanceSegmentation#instances()} hold each thing
 * instance's class, score, box and area ({@link InstanceSegmentation#mask} its pixels) and whose
 * {@link InstanceSegmentation#panoptic()} is the panoptic map (things and stuff).
 *
 * @param semantic class per pixel at the image's resolution
 * @param segmentation the instances and the panoptic map
 */
public record PanopticPrediction(LabelMask semantic, InstanceSegmentation segmentation) {}
