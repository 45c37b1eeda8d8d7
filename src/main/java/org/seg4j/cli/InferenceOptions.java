package org.seg4j.cli;

import org.seg4j.infer.PredictorOptions;
import picocli.CommandLine.Option;

/** Options that tune inference, shared by eval and predict. */
final class InferenceOptions {

    @Option(names = "--tile", defaultValue = "0",
            description = "Sliding-window tile size in pixels (0: automatic from the training size).")
    int tile;

    @Option(names = "--overlap", defaultValue = "0.333", description = "Tile overlap fraction (default: ${DEFAULT-VALUE}).")
    double overlap;

    @Option(names = "--flip", description = "Test-time augmentation: average with the horizontally flipped image.")
    boolean flip;

    @Option(names = "--scale", description = "Input scale before the network (default: the model's training scale).")
    Double scale;

    PredictorOptions toOptions() {
        PredictorOptions o = PredictorOptions.defaults().withTileSize(tile).withOverlap(overlap).withFlip(flip);
        return scale == null ? o : o.withScale(scale);
    }
}
