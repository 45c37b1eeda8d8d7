/**
 * Synthetic street scenes with exact ground truth, for trying out and testing the toolkit without
 * downloading a data set: {@link org.seg4j.data.synth.SyntheticStreetScenes} draws images and masks
 * of sky, buildings, road, pavement, trees, cars and pedestrians, deterministic for (seed, index),
 * and can write them in the folder-pairs layout.
 */
package org.seg4j.data.synth;
