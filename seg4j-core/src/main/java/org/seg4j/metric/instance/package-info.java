/**
 * Instance segmentation metrics: COCO mask AP as pycocotools' {@code COCOeval} computes it
 * ({@link org.seg4j.metric.instance.MaskAp}, {@link org.seg4j.metric.instance.MaskApResult}), and the
 * foreground-restricted Rand and information scores of the ISBI 2012 challenge
 * ({@link org.seg4j.metric.instance.ForegroundRestrictedScores}) for membrane-separated cells.
 */
package org.seg4j.metric.instance;
