/**
 * OpenCV for seg4j, kept out of seg4j-core because it brings a native library (bundled for
 * Linux, macOS and Windows by {@code org.openpnp:opencv}): {@link org.seg4j.opencv.FarnebackFlow}
 * is a {@link org.seg4j.metric.video.FlowEstimator} for the TC video metric
 * ({@link org.seg4j.metric.video.TemporalConsistency}); {@link org.seg4j.opencv.OpenCvNative}
 * loads the library once per JVM.
 */
package org.seg4j.opencv;
