/**
 * Segmentation metrics, all derived from one {@link org.seg4j.metric.ConfusionMatrix} accumulated
 * over a data set, and the reports and plots that present them.
 */
package org.seg4j.metric;
