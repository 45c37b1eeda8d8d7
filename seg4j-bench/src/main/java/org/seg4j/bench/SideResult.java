package org.seg4j.bench;

import java.util.List;

/**
 * What one process measured for one model (or for the loader alone).
 *
 * @param side {@code seg4j} or {@code pytorch}
 * @param model registry name, or {@code null} for a loader measurement
 * @param parameters parameter count including batch-norm running statistics (0 for the loader)
 * @param inference inference timings, one per batch size
 * @param training training-step timing, or {@code null}
 * @param loaderImagesPerSecond loader throughput, or {@code NaN} when not measured
 * @param peakRssMb peak resident memory of the process (VmHWM), MiB
 * @param version engine version (libtorch of DJL, or Python torch)
 */
public record SideResult(
        String side,
        String model,
        long parameters,
        List<Timing> inference,
        Timing training,
        double loaderImagesPerSecond,
        double peakRssMb,
        String version) {

    public SideResult {
        inference = inference == null ? List.of() : List.copyOf(inference);
    }

    /** The inference timing at {@code batch}, or {@code null}. */
    public Timing inferenceAt(int batch) {
        return inference.stream().filter(t -> t.batch() == batch).findFirst().orElse(null);
    }
}
