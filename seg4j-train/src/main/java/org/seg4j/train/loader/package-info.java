/**
 * Batch loading for training and evaluation: {@link org.seg4j.train.loader.BatchLoader} reads,
 * augments and normalises samples on background threads while the model trains, with results that
 * depend only on the seed, the epoch and the sample, never on thread scheduling.
 */
package org.seg4j.train.loader;
