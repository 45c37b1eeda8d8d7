/**
 * Training sweeps on a cluster: independent training runs (hyper-parameters, seeds) as Spark tasks,
 * each writing its own run folder, with the results table collected on the driver. Training one
 * model over several machines is not offered: DJL has no collective communication (all-reduce of
 * gradients) to build it on.
 */
package org.seg4j.spark.sweep;
