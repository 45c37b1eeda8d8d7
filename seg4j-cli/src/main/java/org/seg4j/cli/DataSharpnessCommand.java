package org.seg4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.quality.SharpnessReport;
import org.seg4j.data.quality.SharpnessScores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seg4j data sharpness}: blurry-image detection. */
@Command(name = "sharpness", mixinStandardHelpOptions = true,
        description = "Score every image's sharpness (variance of the Laplacian and Tenengrad), pick a blur "
                + "threshold from the data (or --threshold) and list the blurriest images; --report writes a "
                + "contact sheet and an HTML page.")
final class DataSharpnessCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Option(names = "--split", defaultValue = "train", description = "Split (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--threshold", description = "Blur threshold on the variance of the Laplacian "
            + "(default: chosen from the data: Tukey's lower fence of its logarithm).")
    Double threshold;

    @Option(names = "--report", description = "Folder for blurriest.png, report.html and sharpness.json.")
    Path report;

    @Option(names = "--top", defaultValue = "16", description = "Blurriest images listed (default: ${DEFAULT-VALUE}).")
    int top;

    @Override
    public Integer call() {
        SegmentationDataset ds = data.open(split, null, false);
        SharpnessScores scores = SharpnessScores.of(ds);
        double t = threshold != null ? threshold : scores.suggestedThreshold();
        System.out.printf(Locale.ROOT, "%d images; blur threshold %.2f (%s); %d below it%n", scores.scores().size(), t,
                threshold != null ? "given" : "from the data", scores.below(t).size());
        List<SharpnessScores.Score> list = scores.blurriestFirst();
        System.out.println("blurriest:");
        for (SharpnessScores.Score s : list.subList(0, Math.min(top, list.size()))) {
            System.out.printf(Locale.ROOT, "  %-28s laplacian variance %10.2f  tenengrad %10.1f%s%n", s.id(),
                    s.sharpness().laplacianVariance(), s.sharpness().tenengrad(),
                    s.sharpness().laplacianVariance() < t ? "  BLURRY" : "");
        }
        if (report != null) {
            SharpnessReport.write(report, scores, t, top);
            System.out.println("report: " + report.resolve(SharpnessReport.HTML));
        }
        return 0;
    }
}
