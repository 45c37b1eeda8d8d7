/**
 * Scoring a saved model on labelled data with its report, as one call ({@link
 * org.seg4j.evaluation.ModelEvaluation}): what {@code seg4j eval} and cross-validation share. It sits
 * above {@code infer} and {@code metric.report} and neither depends on it.
 */
package org.seg4j.evaluation;
