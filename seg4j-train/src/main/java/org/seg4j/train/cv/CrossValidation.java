package org.seg4j.train.cv;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.seg4j.Seg4jException;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.group.GroupFolds;
import org.seg4j.data.group.GroupKey;
import org.seg4j.data.group.SampleGroups;
import org.seg4j.evaluation.ModelEvaluation;
import org.seg4j.infer.PredictorOptions;
import org.seg4j.model.ModelDirectory;
import org.seg4j.train.CheckpointState;
import org.seg4j.train.SegmentationTrainer;
import org.seg4j.train.TrainConfig;
import org.seg4j.train.TrainResult;
import org.seg4j.train.TrainingRun;

/**
 * Cross-validation over groups of one split: for every fold, a {@link TrainingRun} on the other
 * groups, validated on the fold's held-out groups, in its own run folder {@code fold-<name>/}; then
 * the fold's best model is scored on the held-out groups at full resolution through {@link
 * ModelEvaluation} (the code path of {@code seg4j eval}; report in {@code fold-<name>/eval-heldout/}),
 * and the folds are summarised in {@code cv.md} and {@code cv.json}.
 *
 * <pre>
 * CvSummary cv = CrossValidation.builder()
 *         .setData(SegmentationDataset.open(camvid, "camvid", "train"))
 *         .setConfig(TrainConfig.read(Path.of("configs/camvid.yaml")).toBuilder()
 *                 .timeBudget(Duration.ofMinutes(15)).build())
 *         .setOutputDir(Path.of("runs/cv"))
 *         .build()
 *         .run();
 * System.out.println(cv.meanIoU());
 * </pre>
 *
 * <p>Resumable: a fold whose {@code fold.json} says it finished, with a model in its folder, is not
 * trained again, and an interrupted fold continues from its last checkpoint. A fold trained with
 * another configuration is an error rather than silently reused. {@link Builder#optOnlyFolds} runs
 * some of the folds (one fold per session on a slow machine); a later run of all of them reuses
 * the finished ones and summarises every fold.
 */
public final class CrossValidation {

    /** Sub-folder of a fold's run folder that holds its held-out evaluation report. */
    public static final String EVAL_DIR = "eval-heldout";

    private final SegmentationDataset data;
    private final TrainConfig config;
    private final Path outputDir;
    private final GroupKey key;
    private final String folds;
    private final List<String> onlyFolds;
    private final PredictorOptions inference;
    private final PrintStream log;

    private CrossValidation(Builder b, GroupKey key) {
        this.data = b.data;
        this.config = b.config;
        this.outputDir = b.outputDir;
        this.key = key;
        this.folds = b.folds;
        this.onlyFolds = b.onlyFolds;
        this.inference = b.inference;
        this.log = b.log;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Trains and scores every fold that needs it, writes {@code cv.md} and {@code cv.json}, returns the summary. */
    public CvSummary run() {
        SampleGroups groups = SampleGroups.of(data, key);
        List<GroupFolds.Fold> all = GroupFolds.parse(folds, groups.sizes());
        String scheme = all.size() == groups.sizes().size() ? "leave-one-group-out" : all.size() + " group folds";
        List<GroupFolds.Fold> plan = selected(all);
        if (plan.size() < all.size()) {
            scheme += " (only " + names(plan) + " of " + names(all) + ")";
        }
        createDirectories(outputDir);
        say("cv: %s; %s, %d %s -> %s", groups, scheme, plan.size(), plan.size() == 1 ? "fold" : "folds", outputDir);
        List<FoldResult> results = new ArrayList<>();
        double trainedSeconds = 0; // wall time of the folds trained by this call, for the ETA
        int trainedFolds = 0;
        for (int i = 0; i < plan.size(); i++) {
            GroupFolds.Fold fold = plan.get(i);
            String label = String.format(Locale.ROOT, "fold %d/%d (%s)", i + 1, plan.size(), fold.name());
            long start = System.nanoTime();
            FoldResult r = runFold(fold, groups, label);
            results.add(r);
            if (r.trainedNow()) {
                trainedSeconds += (System.nanoTime() - start) / 1e9;
                trainedFolds++;
            }
            int left = plan.size() - i - 1;
            String eta = trainedFolds == 0 || left == 0 ? ""
                    : "; about " + formatSeconds(trainedSeconds / trainedFolds * left) + " left";
            say("cv: %s: held-out mIoU %.1f%%, global accuracy %.1f%%; %d of %d folds done%s", label,
                    100 * r.metrics().meanIoU(), 100 * r.metrics().pixelAccuracy(), i + 1, plan.size(), eta);
        }
        CvSummary summary = new CvSummary(results, data.classes(), key.describe(), scheme);
        CvReport.write(summary, outputDir);
        say("cv: mIoU %.1f%% ± %.1f (sample std over %d folds), global accuracy %.1f%% ± %.1f; %s",
                100 * summary.meanIoU().mean(), 100 * summary.meanIoU().std(), results.size(),
                100 * summary.pixelAccuracy().mean(), 100 * summary.pixelAccuracy().std(),
                outputDir.resolve(CvSummary.MARKDOWN));
        return summary;
    }

    private static String names(List<GroupFolds.Fold> folds) {
        return String.join(", ", folds.stream().map(GroupFolds.Fold::name).toList());
    }

    private List<GroupFolds.Fold> selected(List<GroupFolds.Fold> all) {
        if (onlyFolds.isEmpty()) {
            return all;
        }
        List<String> names = all.stream().map(GroupFolds.Fold::name).toList();
        List<String> unknown = onlyFolds.stream().filter(n -> !names.contains(n)).toList();
        if (!unknown.isEmpty()) {
            throw new Seg4jException("--only-folds " + String.join(",", unknown) + ": no such fold; the folds are "
                    + String.join(", ", names));
        }
        return all.stream().filter(f -> onlyFolds.contains(f.name())).toList();
    }

    private FoldResult runFold(GroupFolds.Fold fold, SampleGroups groups, String label) {
        Path dir = outputDir.resolve("fold-" + fold.name());
        String what = label + ", held out " + String.join("+", fold.heldOut());
        SegmentationDataset heldOut = groups.select(fold.heldOut(), what);
        SegmentationDataset train = groups.exclude(fold.heldOut(), what);
        TrainConfig foldConfig = config.toBuilder().optValGroups(fold.heldOut()).build();
        FoldState state = FoldState.read(dir);
        if (state != null && !state.configHash().equals(foldConfig.hash())) {
            throw new Seg4jException(dir + " holds " + label + " trained with another configuration (hash "
                    + state.configHash() + ", now " + foldConfig.hash() + "); use another output folder or delete it");
        }
        boolean finished = state != null && state.finished()
                && Files.isRegularFile(dir.resolve(ModelDirectory.MANIFEST));
        if (finished) {
            say("cv: %s: finished model in %s, not retrained", label, dir);
        } else {
            state = train(fold, dir, train, heldOut, foldConfig, label);
        }
        say("cv: %s: scoring the model on %d held-out images at full resolution", label, heldOut.size());
        ModelEvaluation.Outcome eval = ModelEvaluation.run(dir, inference, classes -> heldOut,
                "held-out groups " + fold.heldOut(), dir.resolve(EVAL_DIR), log);
        return new FoldResult(state, dir, eval.result().matrix(), eval.result().images(), !finished);
    }

    private FoldState train(GroupFolds.Fold fold, Path dir, SegmentationDataset train, SegmentationDataset heldOut,
            TrainConfig foldConfig, String label) {
        boolean resume = Files.isRegularFile(
                dir.resolve(SegmentationTrainer.CHECKPOINTS).resolve("last").resolve(CheckpointState.FILE_NAME));
        say("cv: %s: %s on %d images, validating on %d held-out images (%s)", label,
                resume ? "resuming training" : "training", train.size(), heldOut.size(),
                String.join(", ", fold.heldOut()));
        createDirectories(dir);
        new FoldState(fold.name(), fold.heldOut(), foldConfig.hash(), false, train.size(), heldOut.size(), 0, 0,
                false, 0).write(dir);
        long start = System.nanoTime();
        TrainResult r = TrainingRun.builder()
                .setTrainData(train)
                .optValidationData(heldOut)
                .setConfig(foldConfig)
                .setOutputDir(dir)
                .optDatasetFingerprint(train.fingerprint())
                .optResume(resume)
                .optLog(log)
                .build()
                .fit();
        FoldState done = new FoldState(fold.name(), fold.heldOut(), foldConfig.hash(), true, train.size(),
                heldOut.size(), r.epochsCompleted(), r.globalStep(), r.stoppedByTimeBudget(),
                (System.nanoTime() - start) / 1e9);
        done.write(dir);
        return done;
    }

    private void say(String format, Object... args) {
        if (log != null) {
            log.println(String.format(Locale.ROOT, format, args));
        }
    }

    private static String formatSeconds(double s) {
        if (s < 90) {
            return Math.round(s) + " s";
        }
        long m = Math.round(s / 60);
        return m < 60 ? m + " min" : (m / 60) + " h " + (m % 60) + " min";
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new Seg4jException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Builder: the split to fold, the training configuration and the output folder are required. */
    public static final class Builder {
        private SegmentationDataset data;
        private TrainConfig config;
        private Path outputDir;
        private GroupKey key;
        private String folds = "leave-one-group-out";
        private List<String> onlyFolds = List.of();
        private PredictorOptions inference = PredictorOptions.defaults();
        private PrintStream log = System.err;

        private Builder() {}

        /** The split whose groups are folded (e.g. CamVid's {@code train}). */
        public Builder setData(SegmentationDataset v) { data = v; return this; }
        /** The configuration every fold trains with; it must not choose groups itself. */
        public Builder setConfig(TrainConfig v) { config = v; return this; }
        /** The folder of {@code cv.md}, {@code cv.json} and the {@code fold-<name>/} run folders. */
        public Builder setOutputDir(Path v) { outputDir = v; return this; }
        /** How groups are derived (default: the configuration's {@code group_by}, else the layout's default). */
        public Builder optGroupKey(GroupKey v) { key = v; return this; }
        /** {@code leave-one-group-out} (the default) or a number of group folds. */
        public Builder optFolds(String v) { folds = v; return this; }
        /**
         * Runs and summarises only these folds, by name ({@code 0006R0} for leave-one-group-out,
         * {@code k2} for group folds); empty (the default): all of them.
         */
        public Builder optOnlyFolds(List<String> v) { onlyFolds = List.copyOf(v); return this; }
        /** Inference settings of the held-out evaluation (default: plain, as {@code seg4j eval}). */
        public Builder optInference(PredictorOptions v) { inference = v; return this; }
        /** Where progress goes ({@code null}: nowhere). */
        public Builder optLog(PrintStream v) { log = v; return this; }

        public CrossValidation build() {
            if (data == null || config == null || outputDir == null) {
                throw new IllegalStateException("the data, the configuration and the output folder are required");
            }
            if (!config.valGroups().isEmpty() || !config.trainGroups().isEmpty()) {
                throw new Seg4jException("cross-validation chooses each fold's groups itself: remove val_groups "
                        + config.valGroups() + " and train_groups " + config.trainGroups() + " from the configuration");
            }
            GroupKey k = key != null ? key : GroupKey.resolve(config.groupBy(), data.layout().name(), "group_by");
            CrossValidation cv = new CrossValidation(this, k);
            cv.selected(GroupFolds.parse(folds, SampleGroups.of(data, k).sizes())); // fail before any training
            return cv;
        }
    }
}
