package org.seg4j.data.synth;

import java.nio.file.Path;

/**
 * What {@link SyntheticStreetScenes#writeDataset} wrote.
 *
 * @param root the data set folder
 * @param trainCount training scenes written
 * @param valCount validation scenes written
 * @param height image height
 * @param width image width
 * @param seed the generator seed
 * @param classPixels pixels per class over all written masks, indexed by class id
 * @param elapsedMillis time taken
 */
public record SynthSummary(
        Path root, int trainCount, int valCount, int height, int width, long seed, long[] classPixels,
        long elapsedMillis) {

    /** Share of all pixels that belong to class {@code id}. */
    public double share(int id) {
        long total = 0;
        for (long p : classPixels) {
            total += p;
        }
        return total == 0 ? 0 : (double) classPixels[id] / total;
    }
}
