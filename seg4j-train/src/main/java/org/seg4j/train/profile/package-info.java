/**
 * Where a training step's time goes: {@link org.seg4j.train.profile.StepProfiler} records a few
 * steps of a run with libtorch's profiler, and {@link org.seg4j.train.profile.OperatorTimes} sums
 * the trace's operators by self time.
 */
package org.seg4j.train.profile;
