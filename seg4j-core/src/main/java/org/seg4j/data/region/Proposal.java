package org.seg4j.data.region;

/**
 * One region proposed by {@link SelectiveSearch}: node {@code node} of hierarchy {@code hierarchy}
 * of its {@link Proposals}.
 *
 * @param hierarchy index into {@link Proposals#hierarchies()}
 * @param node node of that hierarchy
 * @param box {@code {x0, y0, x1, y1}}, ends exclusive
 * @param size pixels in the region
 * @param rank selective search's ordering value (position in its hierarchy times a random factor;
 *     smaller first)
 */
public record Proposal(int hierarchy, int node, int[] box, int size, double rank) {}
