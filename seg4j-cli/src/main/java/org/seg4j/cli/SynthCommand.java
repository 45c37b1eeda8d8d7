package org.seg4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.seg4j.data.synth.SynthSummary;
import org.seg4j.data.synth.SyntheticStreetScenes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seg4j synth}: generate the built-in synthetic street-scene data set. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Generate synthetic street scenes (sky, building, road, pavement, tree, car, pedestrian...) "
                + "in the folder-pairs layout with classes.yaml; deterministic for a seed.")
final class SynthCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Option(names = "--count", defaultValue = "400", description = "Training images (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--val-count", description = "Validation images (default: a quarter of --count).")
    Integer valCount;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--size", defaultValue = "96x128", description = "Image size HxW (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--instances", description = "Also write instances/ (16-bit instance-id PNGs beside masks/): "
            + "cars and pedestrians are things (isthing in classes.yaml), with touching and overlapping groups; "
            + "the data for --task panoptic.")
    boolean instances;

    @Override
    public Integer call() {
        int[] hw = TrainCommand.parseSize(size);
        int val = valCount != null ? valCount : Math.max(1, count / 4);
        SynthSummary summary = SyntheticStreetScenes.writeDataset(out, count, val, seed, hw[0], hw[1], instances);
        System.out.printf(java.util.Locale.ROOT, "wrote %d training and %d validation scenes (%dx%d, seed %d) to %s in %.1f s%n",
                summary.trainCount(), summary.valCount(), summary.height(), summary.width(), summary.seed(),
                summary.root(), summary.elapsedMillis() / 1000.0);
        return 0;
    }
}
