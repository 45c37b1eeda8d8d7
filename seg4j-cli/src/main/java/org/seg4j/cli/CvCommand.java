package org.seg4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.train.TrainConfig;
import org.seg4j.train.cv.CrossValidation;
import org.seg4j.train.cv.CvSummary;
import org.seg4j.train.cv.Spread;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seg4j cv}: cross-validation over groups (sequences) of the training split. */
@Command(name = "cv", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Cross-validate a training recipe over groups of the training split (CamVid: its video "
                + "sequences): one run per fold in <out>/fold-<group>/, each validated on and scored on the groups it "
                + "holds out, at full resolution as seg4j eval does; writes cv.md and cv.json (per fold mIoU, global "
                + "accuracy and per-class IoU, with mean and standard deviation). Finished folds are not retrained.")
final class CvCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Option(names = "--out", required = true, description = "Folder of cv.md, cv.json and the fold run folders.")
    Path out;

    @Option(names = "--config", description = "YAML training configuration (as for seg4j train).")
    Path config;

    @Option(names = "--folds", defaultValue = "leave-one-group-out",
            description = "leave-one-group-out, or a number of folds of whole groups (default: ${DEFAULT-VALUE}).")
    String folds;

    @Option(names = "--only-folds", split = ",", paramLabel = "NAME",
            description = "Run and summarise only these folds, e.g. 0006R0 (comma-separated); a later run of all "
                    + "folds into the same --out reuses them.")
    List<String> onlyFolds = new ArrayList<>();

    @Mixin
    GroupByOption groupBy = new GroupByOption();

    @Option(names = "--time-budget", description = "Training budget of each fold, e.g. 15m (overrides the config).")
    String timeBudget;

    @Option(names = "--epochs", description = "Epochs of each fold (overrides the config).")
    Integer epochs;

    @Option(names = "--steps", description = "Optimizer steps of each fold, independent of the machine's speed "
            + "(overrides the config's time budget, unless --time-budget is given too, and its epochs).")
    Long steps;

    @Option(names = "--model-selection", defaultValue = "last",
            description = "Which epoch of each fold is scored: last (default: the held-out group must not choose the "
                    + "checkpoint) or best (the best epoch on the held-out group, which flatters the score).")
    String modelSelection;

    @Option(names = "--seed", description = "Random seed.")
    Long seed;

    @Option(names = "--workers", description = "Loader threads.")
    Integer workers;

    @Option(names = "--train-split", defaultValue = "train",
            description = "The split whose groups are folded (default: ${DEFAULT-VALUE}).")
    String trainSplit;

    @Option(names = "--set", description = "Any configuration key, e.g. --set lr=0.002.")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--model-option", paramLabel = "KEY=VALUE", description = "Architecture or encoder option of "
            + "every fold, repeatable, e.g. --model-option output_stride=32 (seg4j models --options NAME lists "
            + "them); on top of the configuration's model_options.")
    Map<String, String> modelOptions = new LinkedHashMap<>();

    @ArgGroup(exclusive = false, heading = "Inference for the held-out evaluation%n")
    InferenceOptions inference = new InferenceOptions();

    @Override
    public Integer call() {
        TrainConfig cfg = resolveConfig();
        SegmentationDataset split = data.open(trainSplit, null);
        CvSummary summary = CrossValidation.builder()
                .setData(split)
                .setConfig(cfg)
                .setOutputDir(out)
                .optFolds(folds)
                .optOnlyFolds(onlyFolds)
                .optInference(inference.toOptions())
                .optLog(System.err)
                .build()
                .run();
        System.out.printf(Locale.ROOT, "cross-validation (%d %s): mIoU %s, global accuracy %s (mean ± sample "
                        + "std); summary: %s%n", summary.folds().size(), summary.folds().size() == 1 ? "fold" : "folds",
                percent(summary.meanIoU()), percent(summary.pixelAccuracy()), out.resolve(CvSummary.MARKDOWN));
        return 0;
    }

    private static String percent(Spread s) {
        return Double.isNaN(s.std()) ? String.format(Locale.ROOT, "%.1f%%", 100 * s.mean())
                : String.format(Locale.ROOT, "%.1f%% ± %.1f", 100 * s.mean(), 100 * s.std());
    }

    TrainConfig resolveConfig() {
        TrainConfig base = config == null ? TrainConfig.defaults() : TrainConfig.read(config);
        Map<String, Object> o = new LinkedHashMap<>(set);
        if (timeBudget != null) {
            o.put("time_budget", timeBudget);
        }
        if (steps != null) {
            o.put("steps", steps);
        }
        if (StepsOption.overridesBudget(steps, timeBudget, set)) {
            o.put("time_budget", "none");
        }
        if (epochs != null) {
            o.put("epochs", epochs);
        }
        o.put("model_selection", modelSelection);
        if (seed != null) {
            o.put("seed", seed);
        }
        if (workers != null) {
            o.put("num_workers", workers);
        }
        if (groupBy.spec != null) {
            o.put("group_by", groupBy.spec);
        }
        ModelOptionsOption.putMerged(base, o, modelOptions);
        return base.toBuilder().optValues(o).build();
    }
}
