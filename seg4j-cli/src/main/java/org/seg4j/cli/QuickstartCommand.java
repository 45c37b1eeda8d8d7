package org.seg4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.seg4j.Seg4jException;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.synth.SynthSummary;
import org.seg4j.data.synth.SyntheticStreetScenes;
import org.seg4j.infer.Evaluator;
import org.seg4j.infer.FolderPrediction;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.PredictorOptions;
import org.seg4j.infer.output.OutputFormat;
import org.seg4j.infer.output.PredictionWriter;
import org.seg4j.metric.report.MetricsReport;
import org.seg4j.metric.report.TrainingCurvesPlot;
import org.seg4j.train.TrainConfig;
import org.seg4j.train.TrainResult;
import org.seg4j.train.TrainingRun;
import org.seg4j.util.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seg4j quickstart}: the whole workflow on built-in synthetic data, in a few minutes:
 * generate, train a U-Net, evaluate, predict, report.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "Generate synthetic street scenes, train a small U-Net, evaluate it on a held-out split, "
                + "write predictions, overlays and a report under --out, and print the metrics table.")
final class QuickstartCommand implements Callable<Integer> {

    /** Marks a folder as made by quickstart, so that a re-run may replace it. */
    static final String MARKER = ".seg4j-quickstart";

    @Option(names = "--out", defaultValue = "runs/quickstart", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--count", defaultValue = "300", description = "Synthetic training images (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--val-count", defaultValue = "100", description = "Synthetic validation images (default: ${DEFAULT-VALUE}).")
    int valCount;

    @Option(names = "--epochs", defaultValue = "11", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "8", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--time-budget", defaultValue = "4m30s",
            description = "Training stops early at this wall-clock budget (default: ${DEFAULT-VALUE}).")
    String timeBudget;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--predictions", defaultValue = "12", description = "Validation images to write predictions for.")
    int predictions;

    @Override
    public Integer call() throws IOException {
        long start = System.nanoTime();
        prepareOutputFolder();
        Path dataDir = out.resolve("data");
        System.err.println("seg4j quickstart: 1/4 generating synthetic street scenes in " + dataDir);
        SynthSummary synth = SyntheticStreetScenes.writeDataset(dataDir, count, valCount, seed,
                SyntheticStreetScenes.DEFAULT_HEIGHT, SyntheticStreetScenes.DEFAULT_WIDTH);

        SegmentationDataset train = SegmentationDataset.open(dataDir, "folder", "train");
        SegmentationDataset val = SegmentationDataset.open(dataDir, "folder", "val");
        TrainConfig cfg = config(synth);
        Path modelDir = out.resolve("model");
        System.err.printf(Locale.ROOT, "seg4j quickstart: 2/4 training a U-Net on %d images for up to %d epochs or %s%n",
                train.size(), cfg.epochs(), TrainConfig.formatDuration(cfg.timeBudget()));
        TrainResult result = TrainingRun.builder()
                .setTrainData(train)
                .optValidationData(val)
                .setConfig(cfg)
                .setOutputDir(modelDir)
                .optDatasetFingerprint(train.fingerprint())
                .build()
                .fit();
        System.err.println("seg4j quickstart: " + TrainCommand.summary(result));

        Path evalDir = out.resolve("eval");
        System.err.println("seg4j quickstart: 3/4 evaluating on the " + val.size() + " held-out images");
        MetricsReport report;
        try (Predictor predictor = Predictor.load(modelDir, PredictorOptions.defaults())) {
            Evaluator.Result eval = Evaluator.evaluate(predictor, val, System.err);
            report = MetricsReport.of(eval.matrix(), predictor.classes(), eval.images())
                    .withBoundary(eval.boundary())
                    .withTitle("seg4j quickstart: U-Net on synthetic street scenes (validation split)");
            Files.createDirectories(evalDir);
            Files.copy(modelDir.resolve(TrainingCurvesPlot.FILE_NAME), evalDir.resolve(TrainingCurvesPlot.FILE_NAME),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            report.writeAll(evalDir);

            Path predDir = out.resolve("predictions");
            System.err.println("seg4j quickstart: 4/4 writing masks, colour masks and overlays to " + predDir);
            List<Path> images = FolderPrediction.listImages(dataDir.resolve("val").resolve("images"));
            PredictionWriter writer = new PredictionWriter(
                    OutputFormat.parseList("mask,color,overlay"), predictor.classes(), 0.5, List.of());
            FolderPrediction folder = new FolderPrediction(predictor, writer, false, null);
            for (Path image : images.subList(0, Math.min(predictions, images.size()))) {
                folder.run(image, predDir);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println();
        System.out.println(report.consoleTable());
        System.out.printf(Locale.ROOT, "%nquickstart finished in %.0f s. Model: %s%nReport: %s%nPredictions: %s%n",
                seconds, modelDir, evalDir.resolve(MetricsReport.REPORT_MD), out.resolve("predictions"));
        System.out.printf(Locale.ROOT, "Next: ./seg4j predict --model %s --input <image or folder> --out preds/%n",
                modelDir);
        return 0;
    }

    /** The quickstart recipe: a width-16 U-Net on whole 96x128 scenes with light augmentation. */
    TrainConfig config(SynthSummary synth) {
        return TrainConfig.builder()
                .optModel("unet")
                .optBaseWidth(16)
                .optEpochs(epochs)
                .optBatchSize(batchSize)
                .optCrop(synth.height(), synth.width())
                .optScale(0.75, 1.25)
                .optOptimizer("adamw")
                .optLr(3e-3)
                .optWeightDecay(1e-4)
                .optSchedule("poly")
                .optWarmupSteps(30)
                .optSeed(seed)
                .optKeepLast(1)
                .optTimeBudget(TrainConfig.parseDuration(timeBudget))
                .optProgressIntervalSeconds(15)
                .build();
    }

    /** Creates the output folder, replacing one that an earlier quickstart made. */
    private void prepareOutputFolder() throws IOException {
        if (Files.exists(out)) {
            boolean empty;
            try (var list = Files.list(out)) {
                empty = list.findAny().isEmpty();
            }
            if (!empty && !Files.exists(out.resolve(MARKER))) {
                throw new Seg4jException(out + " exists and was not made by quickstart; choose another --out");
            }
            AtomicFiles.deleteRecursively(out);
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve(MARKER), "made by seg4j quickstart\n");
    }
}
