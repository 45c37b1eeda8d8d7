/**
 * Region proposals for the region-based method and for annotation: Felzenszwalb-Huttenlocher
 * graph segmentation ({@link org.seg4j.data.region.Felzenszwalb}, superpixels matching
 * scikit-image's) and selective search ({@link org.seg4j.data.region.SelectiveSearch}: hierarchical
 * grouping by colour, texture, size and fill over several colour spaces and {@code k}), with
 * helpers that pool per-pixel values over every proposed region in one pass
 * ({@link org.seg4j.data.region.NodeSums}) and measure the proposals' recall of ground-truth
 * objects ({@link org.seg4j.data.region.ProposalRecall}). Pure image algorithms, no network:
 * they live beside {@code data.polygon} because annotation tools use them as much as the model
 * does; the method itself is in {@code org.seg4j.infer.region}.
 */
package org.seg4j.data.region;
