/**
 * Panoptic-DeepLab (Cheng et al., CVPR 2020): one encoder shared by a DeepLabV3+ semantic branch and
 * an instance branch that predicts object centres and per-pixel offsets to them.
 */
package org.seg4j.model.decoder.panoptic;
