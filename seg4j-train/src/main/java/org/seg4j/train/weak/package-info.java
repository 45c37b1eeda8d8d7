/**
 * Training from bounding boxes only (the BoxSup idea): {@link org.seg4j.train.weak.BoxMasks} turns
 * boxes into initial masks (filled boxes refined by {@link org.seg4j.train.weak.ColourBoxRefiner})
 * and constrains later predictions to the boxes; {@link org.seg4j.train.weak.BoxSupervisedTraining}
 * alternates training and relabelling for a few rounds.
 */
package org.seg4j.train.weak;
