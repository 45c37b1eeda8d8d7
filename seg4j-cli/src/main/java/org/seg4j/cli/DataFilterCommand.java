package org.seg4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.convert.DatasetCopier;
import org.seg4j.data.convert.LayoutWriter;
import org.seg4j.data.layout.DatasetLayouts;
import org.seg4j.data.quality.SharpnessScores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seg4j data filter}: a cleaned copy without the blurry images. */
@Command(name = "filter", mixinStandardHelpOptions = true,
        description = "Write a copy of the data set (same layout) without the images whose variance of the "
                + "Laplacian is below --min-sharpness. The source is never modified.")
final class DataFilterCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Option(names = "--min-sharpness", required = true,
            description = "Smallest variance of the Laplacian kept (see seg4j data sharpness).")
    double minSharpness;

    @Option(names = "--split", description = "Splits to copy (default: every split).")
    List<String> splits = new ArrayList<>();

    @Option(names = "--out", required = true, description = "Output folder (new or empty).")
    Path out;

    @Override
    public Integer call() {
        var layout = data.layout == null ? DatasetLayouts.detect(data.root).layout() : DatasetLayouts.byName(data.layout);
        List<String> names = splits.isEmpty() ? layout.splits(data.root) : splits;
        SegmentationDataset first = data.open(names.get(0), null, false);
        LayoutWriter writer = new LayoutWriter(out, layout.name(), first.classes(), null);
        int kept = 0;
        int dropped = 0;
        for (String split : names) {
            SegmentationDataset ds = split.equals(first.split()) ? first : data.open(split, first.classes(), false);
            Set<String> blurry = new HashSet<>();
            SharpnessScores.of(ds).below(minSharpness).forEach(s -> blurry.add(s.id()));
            int n = DatasetCopier.copy(ds, writer, id -> !blurry.contains(id));
            System.out.printf(Locale.ROOT, "split %s: kept %d, dropped %d blurry%n", split, n, blurry.size());
            kept += n;
            dropped += blurry.size();
        }
        writer.finish();
        System.out.printf(Locale.ROOT, "wrote %d samples to %s (%s layout); %d dropped below sharpness %.2f%n", kept,
                out, layout.name(), dropped, minSharpness);
        return 0;
    }
}
