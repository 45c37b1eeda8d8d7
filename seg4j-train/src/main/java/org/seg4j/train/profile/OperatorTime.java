package org.seg4j.train.profile;

/**
 * One operator's share of the profiled steps.
 *
 * @param name the operator as libtorch names it, e.g. {@code aten::convolution_backward}
 * @param selfMillis its self time per step (its own time less that of the operators it called)
 * @param calls its calls per step
 * @param share its self time over the time of all profiled operators
 */
public record OperatorTime(String name, double selfMillis, double calls, double share) {}
