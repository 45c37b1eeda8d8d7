/**
 * {@code seg4j eval} as a Spark job: one confusion matrix per task, summed on the driver.
 */
package org.seg4j.spark.eval;
