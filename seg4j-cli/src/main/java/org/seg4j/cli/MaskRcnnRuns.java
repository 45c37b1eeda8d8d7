package org.seg4j.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.ConstantInitializer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.seg4j.Seg4jException;
import org.seg4j.data.ImageFiles;
import org.seg4j.data.RgbImage;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.instance.InstanceSamples;
import org.seg4j.infer.FolderPrediction;
import org.seg4j.infer.instance.DetectionEvaluator;
import org.seg4j.infer.instance.DetectionWriter;
import org.seg4j.infer.instance.MaskRcnnPredictor;
import org.seg4j.metric.report.MaskApReport;
import org.seg4j.metric.report.MetricsReport;
import org.seg4j.model.ModelStats;
import org.seg4j.model.instance.maskrcnn.MaskRcnn;
import org.seg4j.model.instance.maskrcnn.MaskRcnnConfig;
import org.seg4j.model.instance.maskrcnn.MaskRcnnDirectory;
import org.seg4j.train.TrainConfig;
import org.seg4j.train.instance.MaskRcnnTraining;
import org.seg4j.util.Progress;

/**
 * What {@code train}, {@code predict} and {@code eval} do with a Mask R-CNN ({@code --task
 * instance}, or a model directory holding {@value MaskRcnnDirectory#SETTINGS}).
 */
final class MaskRcnnRuns {

    /** Default least score of a predicted instance (Detectron2's demo threshold). */
    static final double PREDICT_MIN_SCORE = 0.5;

    private MaskRcnnRuns() {}

    /** {@code train --task instance}. */
    static int train(TrainConfig cfg, SegmentationDataset train, Path out, boolean resume, Path init) {
        if (init != null) {
            throw new Seg4jException("--init is not supported with --task instance");
        }
        String model = cfg.model() == null || cfg.model().isBlank() ? MaskRcnnDirectory.ARCHITECTURE : cfg.model();
        if (!MaskRcnnDirectory.ARCHITECTURE.equals(model)) {
            throw new Seg4jException("--task instance trains --model " + MaskRcnnDirectory.ARCHITECTURE + ", got '"
                    + model + "' (panoptic-deeplab is --task panoptic)");
        }
        MaskRcnnTraining.Result r = MaskRcnnTraining.builder()
                .setTrainData(InstanceSamples.of(train))
                .setConfig(cfg)
                .setOutputDir(out)
                .optProgress(System.err)
                .optResume(resume)
                .build()
                .fit();
        System.out.println(String.format(Locale.ROOT, "trained mask-rcnn %d steps (%d epochs)%s in %.1f s "
                + "(%.2f images/s); last loss %.4f; model: %s", r.steps(), r.epochs(),
                r.stoppedByTimeBudget() ? ", stopped by the time budget" : "", r.elapsed().toMillis() / 1000.0,
                r.imagesPerSecond(Math.min(cfg.batchSize(), train.size())), r.lastLoss(), r.outputDir()));
        return 0;
    }

    /** {@code predict} on a Mask R-CNN directory. */
    static int predict(Path model, Path input, Path out, Double minScore, double alpha, boolean skipBad) {
        List<Path> files = FolderPrediction.listImages(input);
        List<String> stems = FolderPrediction.stems(files);
        List<String> failed = new ArrayList<>();
        try (MaskRcnnDirectory.Loaded loaded = MaskRcnnDirectory.load(model)) {
            MaskRcnnPredictor predictor = predictor(loaded, minScore == null ? PREDICT_MIN_SCORE : minScore);
            java.nio.file.Files.createDirectories(out);
            DetectionWriter writer = new DetectionWriter(loaded.classes(), out, alpha);
            long start = System.nanoTime();
            try (Progress bar = Progress.create(System.err, "predict", "img", files.size())) {
                for (int i = 0; i < files.size(); i++) {
                    try {
                        RgbImage image = ImageFiles.read(files.get(i));
                        writer.write(stems.get(i), image, predictor.predict(image));
                    } catch (Seg4jException e) {
                        if (!skipBad) {
                            throw e;
                        }
                        failed.add(files.get(i) + ": " + e.getMessage());
                    }
                    bar.step(i + 1);
                }
            }
            writer.finish();
            double s = (System.nanoTime() - start) / 1e9;
            System.err.printf(Locale.ROOT, "seg4j: %d images in %.1f s (%.2f images/s) -> %s%n", files.size(), s,
                    s > 0 ? files.size() / s : 0, out);
        } catch (java.io.IOException e) {
            throw new Seg4jException(out + ": cannot create the output folder: " + e.getMessage(), e);
        }
        failed.forEach(f -> System.err.println("seg4j: skipped " + f));
        return failed.isEmpty() ? 0 : 2;
    }

    /** {@code eval} on a Mask R-CNN directory: COCO mask AP. */
    static int eval(Path model, SegmentationDataset split, String splitName, Double minScore, boolean randScores,
            Path reportDir) {
        try (MaskRcnnDirectory.Loaded loaded = MaskRcnnDirectory.load(model)) {
            InstanceSamples samples = InstanceSamples.of(split);
            // COCO evaluation keeps every detection the model gives (its own score threshold) unless told
            MaskRcnnPredictor predictor = predictor(loaded, minScore == null ? 0 : minScore);
            DetectionEvaluator.Result r = DetectionEvaluator.evaluate(predictor::predict, samples, randScores,
                    System.err);
            MaskApReport report = new MaskApReport("Mask R-CNN evaluation of " + model.getFileName() + " on "
                    + splitName, loaded.classes(), r.ap(), r.images(), r.detections(), r.imagesPerSecond(),
                    r.rand());
            report.writeAll(reportDir);
            System.out.print(report.consoleTable());
            System.out.printf(Locale.ROOT, "%d images in %.1f s (%.2f images/s); report: %s%n", r.images(),
                    r.elapsed().toMillis() / 1000.0, r.imagesPerSecond(), reportDir.resolve(MetricsReport.REPORT_MD));
        }
        return 0;
    }

    /**
     * Parameters and GFLOPs of the default network for {@code classes} thing classes at {@code
     * height x width} (padded to a multiple of 32): the layers' MACs at the shapes they were
     * initialised with, i.e. backbone, FPN and RPN on the image plus the heads for one region.
     */
    static ModelStats.Summary stats(int classes, int height, int width) {
        MaskRcnn net = new MaskRcnn(MaskRcnnConfig.builder().setNumClasses(classes).build());
        net.setInitializer(new ConstantInitializer(0f), p -> true);
        int d = MaskRcnn.SIZE_DIVISOR;
        try (NDManager manager = NDManager.newBaseManager()) {
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, (height + d - 1) / d * d, (width + d - 1) / d * d));
            return new ModelStats.Summary(ModelStats.parameterCount(net), 2.0 * ModelStats.macs(net) / 1e9);
        }
    }

    private static MaskRcnnPredictor predictor(MaskRcnnDirectory.Loaded loaded, double minScore) {
        if (!(minScore >= 0 && minScore <= 1)) {
            throw new Seg4jException("--min-score must be in 0..1, got " + minScore);
        }
        return MaskRcnnPredictor.builder().setModel(loaded.model(), loaded.manager())
                .setClassIds(loaded.classIds()).optMinScore(minScore).build();
    }
}
