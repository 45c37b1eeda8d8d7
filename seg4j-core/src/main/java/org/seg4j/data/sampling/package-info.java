/**
 * Class-aware sampling for training: {@link org.seg4j.data.sampling.ImageClassCounts} counts the
 * pixels of every class in every training mask, {@link org.seg4j.data.sampling.SamplingMode}
 * turns those counts into per-image sampling weights (repeat-factor or class-balanced), and
 * {@link org.seg4j.data.sampling.WeightedEpochOrder} draws an epoch's sample order from them,
 * reproducibly from the seed and the epoch.
 */
package org.seg4j.data.sampling;
