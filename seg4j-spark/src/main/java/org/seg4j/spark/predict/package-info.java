/**
 * Batch prediction as a Spark job: image files listed with Spark's {@code binaryFile} source,
 * segmented by one predictor per task over a model loaded once per executor, written as Parquet rows
 * ({@link org.seg4j.spark.predict.PredictionSchema}); a bad image becomes a row with an error.
 */
package org.seg4j.spark.predict;
