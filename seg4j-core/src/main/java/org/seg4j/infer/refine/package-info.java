/**
 * Post-processing of predicted class probabilities: a fully connected CRF with Gaussian edge
 * potentials ({@link org.seg4j.infer.refine.CrfRefiner}), as DeepLab v1 applies to its outputs.
 */
package org.seg4j.infer.refine;
