/**
 * seg4j on Apache Spark: the pieces every job shares. {@link org.seg4j.spark.ModelSource} ships a
 * model directory with the job (or names one on shared storage) and {@link
 * org.seg4j.spark.ExecutorModels} loads it once per executor JVM; {@link org.seg4j.spark.SparkMain}
 * is the {@code spark-submit} entry point. The jobs live in sub-packages: {@code predict} (batch
 * prediction to Parquet), {@code data} (statistics and validation of a data set), {@code eval}
 * (confusion matrices per partition, summed on the driver) and {@code sweep} (independent training
 * runs as tasks). Spark itself is provided by the cluster.
 */
package org.seg4j.spark;
