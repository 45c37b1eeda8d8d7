/**
 * Training of instance segmentation models: {@link org.seg4j.train.instance.MaskRcnnTrainingStep}
 * runs one Mask R-CNN optimiser step per batch in its own sub-manager.
 */
package org.seg4j.train.instance;
