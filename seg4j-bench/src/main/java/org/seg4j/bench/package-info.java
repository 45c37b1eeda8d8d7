/**
 * {@code seg4j bench perf}: seg4j against the same networks in PyTorch (Python) on the same
 * machine in the same run. Each side runs in its own process ({@link PerfRunner}); seg4j's
 * measurements are made by {@link Seg4jPerfWorker}, PyTorch's by {@code bench/perf_pytorch.py};
 * both print one {@link ResultLine} that {@link PerfTable} turns into the comparison written to
 * {@code docs/performance.md} by {@link PerfReport}.
 */
package org.seg4j.bench;
