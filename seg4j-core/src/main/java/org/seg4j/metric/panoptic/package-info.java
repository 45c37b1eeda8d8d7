/**
 * Panoptic quality (PQ = SQ x RQ) as the COCO panoptic API's {@code pq_compute} defines it:
 * {@link org.seg4j.metric.panoptic.PanopticQuality} accumulates per-image counts and
 * {@link org.seg4j.metric.panoptic.PanopticResult} holds the per-class figures and the averages over
 * all, thing and stuff classes.
 */
package org.seg4j.metric.panoptic;
