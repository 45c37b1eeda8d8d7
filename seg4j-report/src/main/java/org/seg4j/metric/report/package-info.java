/**
 * Human- and machine-readable output of an evaluation and of a training run: {@code metrics.json},
 * {@code report.md}, a console table, the confusion-matrix heat map {@code confusion.png}
 * ({@link org.seg4j.metric.report.MetricsReport}) and the training curves {@code curves.png}
 * ({@link org.seg4j.metric.report.TrainingCurvesPlot}). Every file is written atomically.
 */
package org.seg4j.metric.report;
