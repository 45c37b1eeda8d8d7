/**
 * Boundary F-score per class, the boundary measure of DAVIS and Cityscapes: how well the predicted
 * class boundaries lie on the true ones, within a pixel tolerance. {@link
 * org.seg4j.metric.boundary.BoundaryScore} accumulates matched and total boundary pixel counts over
 * a data set and derives precision, recall and F once, like {@link org.seg4j.metric.ConfusionMatrix}.
 */
package org.seg4j.metric.boundary;
