/**
 * {@code seg4j data stats} and {@code seg4j data validate} as Spark jobs: every executor opens the
 * same split ({@link org.seg4j.spark.data.SplitRef}), each task checks or counts one slice of it, and
 * the driver sums the parts into the same {@link org.seg4j.data.quality.DatasetStats} and {@link
 * org.seg4j.data.quality.DatasetCheck} that the single-machine commands compute.
 */
package org.seg4j.spark.data;
