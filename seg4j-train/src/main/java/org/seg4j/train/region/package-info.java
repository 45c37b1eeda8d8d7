/**
 * Training of the region-based method ({@code seg4j train --model regions}): region labels from
 * the overlap with the ground truth ({@link org.seg4j.train.region.RegionTargets}), one linear SVM
 * per class trained by dual coordinate descent with hard-negative mining
 * ({@link org.seg4j.train.region.SvmTraining}), and the model directory
 * ({@link org.seg4j.train.region.RegionTraining}). Inference is in {@code org.seg4j.infer.region}.
 */
package org.seg4j.train.region;
