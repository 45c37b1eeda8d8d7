/**
 * Cross-validation over groups of samples (video sequences, patients, sites): {@link
 * org.seg4j.train.cv.CrossValidation} trains one run per fold, each holding out whole groups, scores
 * every fold's model on its held-out groups as {@code seg4j eval} does, and summarises the folds
 * ({@link org.seg4j.train.cv.CvSummary}) as {@code cv.md} and {@code cv.json}.
 */
package org.seg4j.train.cv;
