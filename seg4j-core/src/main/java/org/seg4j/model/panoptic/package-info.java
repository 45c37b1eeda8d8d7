/**
 * Panoptic-DeepLab pieces that need no network: the training targets (centre heat map, offsets,
 * loss weights) computed from an instance annotation. The matching post-processing is
 * {@link org.seg4j.infer.instance.CenterGrouping}.
 */
package org.seg4j.model.panoptic;
