package org.seg4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.LabelMask;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.group.GroupKey;
import org.seg4j.data.group.SampleGroups;
import org.seg4j.data.instance.InstanceSamples;
import org.seg4j.evaluation.ModelEvaluation;
import org.seg4j.infer.Evaluator;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.Probabilities;
import org.seg4j.infer.instance.ComponentInstances;
import org.seg4j.infer.instance.PanopticPrediction;
import org.seg4j.infer.instance.PanopticEvaluator;
import org.seg4j.infer.instance.PanopticPredictor;
import org.seg4j.metric.report.MetricsReport;
import org.seg4j.metric.report.PanopticReport;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.model.instance.maskrcnn.MaskRcnnDirectory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seg4j eval}: metrics of a trained model on a labelled split, with a report. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a model on a labelled split at full resolution: per-class IoU, mIoU, "
                + "accuracy, precision, recall, F1 (panoptic models, and semantic ones with --method components: "
                + "PQ/SQ/RQ and mask AP; Mask R-CNN: COCO mask AP); writes metrics.json, report.md, confusion.png (and curves.png).")
final class EvalCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "Model directory (from seg4j train).")
    Path model;

    @Mixin
    DataOptions data;

    @Option(names = "--split", defaultValue = "val", description = "Split to evaluate (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--eval-groups", split = ",", paramLabel = "GROUP", description = "Score only these groups of "
            + "the split (e.g. --split train --eval-groups 0016E5 for the sequence a run held out with --val-groups).")
    List<String> evalGroups;

    @Mixin
    GroupByOption groupBy = new GroupByOption();

    @Option(names = "--out", description = "Report folder (default: <model>/eval-<split>, or "
            + "<model>/eval-<split>-<groups> with --eval-groups).")
    Path out;

    @Option(names = "--temporal", description = "Score video sequences: per-frame mIoU plus flicker between consecutive "
            + "frames and TC (IoU with the next prediction warped back by optical flow); --data is a clip folder "
            + "(<clip>/frames/, <clip>/masks/) or a split named SEQUENCE_NUMBER (CamVid).")
    boolean temporal;

    @Option(names = "--smoothing", defaultValue = "auto", description = "With --temporal: auto (a temporal model's "
            + "own memory, else none), none, ema or ema:ALPHA (moving average of the probabilities), ema-flow or ema-flow:ALPHA (the "
            + "same, motion-compensated by optical flow), recurrent, or recurrent-flow (the memory's state warped "
            + "along the optical flow before each update; auto picks it for a model trained with --temporal-warp "
            + "flow) (default: ${DEFAULT-VALUE}).")
    String smoothing;

    @Mixin
    PanopticOptions panopticOptions = new PanopticOptions();

    @Mixin
    ComponentOptions components = new ComponentOptions();

    @Option(names = "--rand-scores", description = "Instances (Mask R-CNN, panoptic models, --method components): "
            + "also the ISBI 2012 foreground-restricted Rand and information scores and the variation of information "
            + "of the thing instances, the mean over images (for EM cells: seg4j data isbi-instances).")
    boolean randScores;

    @ArgGroup(exclusive = false, heading = "Inference%n")
    InferenceOptions inference = new InferenceOptions();

    @Option(names = "--no-tc", description = "With --temporal: skip TC and its optical flow (about 0.1 s per frame "
            + "pair at 480x360 on 2 cores).")
    boolean noTc;

    @Override
    public Integer call() {
        if (noTc && !temporal) {
            throw new Seg4jException("--no-tc applies only with --temporal");
        }
        if (temporal) {
            if (evalGroups != null) {
                throw new Seg4jException("--eval-groups does not apply with --temporal (every sequence is scored)");
            }
            if (components.enabled() || randScores) {
                throw new Seg4jException("--method components and --rand-scores do not apply with --temporal");
            }
            return TemporalEvalRun.run(model, inference.toOptions(), data, split, smoothing, out, !noTc);
        }
        if (!smoothing.equals("auto")) {
            throw new Seg4jException("--smoothing applies only with --temporal");
        }
        boolean instances = components.enabled();
        String name = evalGroups == null ? split : split + "-" + String.join("+", evalGroups);
        Path reportDir = out != null ? out : model.resolve("eval-" + name);
        if (MaskRcnnDirectory.isMaskRcnn(model)) {
            inference.requireDjl(model, "Mask R-CNN");
            components.requireSemantic(model, "Mask R-CNN");
            ClassMeta classes = ClassMeta.read(model.resolve(MaskRcnnDirectory.CLASSES));
            return MaskRcnnRuns.eval(model, open(classes), name, panopticOptions.minScore, randScores, reportDir);
        }
        ModelManifest manifest = ModelDirectory.readManifest(model);
        if (manifest.isPanoptic()) {
            inference.requireDjl(model, "panoptic model");
            components.requireSemantic(model, "panoptic model");
            return panoptic(manifest, reportDir);
        }
        if (instances) {
            return components(manifest, reportDir);
        }
        if (randScores) {
            throw new Seg4jException("--rand-scores scores instances: " + model + " is a semantic model; add --method "
                    + "components to make instances of its class map");
        }
        ModelEvaluation.Outcome outcome = ModelEvaluation.run(model, inference.toOptions(), this::open,
                evalGroups == null ? split : split + " groups " + evalGroups, reportDir, System.err);
        print(outcome.report(), outcome.result(), reportDir);
        return 0;
    }

    /**
     * A panoptic model: PQ/SQ/RQ (things, stuff, all), mask AP and the semantic mIoU on the split's
     * instance annotations, with metrics.json and report.md.
     */
    private int panoptic(ModelManifest manifest, Path reportDir) {
        InstanceSamples samples = InstanceSamples.of(open(manifest.classes()));
        try (PanopticPredictor predictor = PanopticPredictor.load(model,
                panopticOptions.grouping(manifest.classes()))) {
            PanopticEvaluator.Result r = PanopticEvaluator.evaluate(predictor::predict, samples, randScores,
                    System.err);
            report(r, "Panoptic evaluation of " + model.getFileName() + " on " + split, reportDir);
        }
        return 0;
    }

    /**
     * {@code --method components}: a semantic model's class map made into instances ({@link
     * ComponentInstances}), scored as a panoptic model is.
     */
    private int components(ModelManifest manifest, Path reportDir) {
        ClassMeta classes = components.classes(manifest.classes());
        ComponentInstances finder = components.instances(classes);
        InstanceSamples samples = InstanceSamples.of(open(classes));
        try (Predictor predictor = Predictor.load(model, inference.toOptions())) {
            PanopticEvaluator.Result r = PanopticEvaluator.evaluate(image -> {
                Probabilities probs = predictor.predictProbabilities(image);
                LabelMask semantic = probs.argmax();
                return new PanopticPrediction(semantic, finder.segment(semantic, probs));
            }, samples, randScores, System.err);
            report(r, "Connected-component instances of " + model.getFileName() + " on " + split, reportDir);
        }
        return 0;
    }

    private static void report(PanopticEvaluator.Result r, String title, Path reportDir) {
        PanopticReport report = new PanopticReport(title, r.pq(), r.ap(), r.semantic().metrics(), r.rand(),
                r.images());
        report.writeAll(reportDir);
        System.out.print(report.consoleTable());
        System.out.printf(Locale.ROOT, "%d images in %.1f s (%.2f images/s); report: %s%n", r.images(),
                r.elapsed().toMillis() / 1000.0, r.imagesPerSecond(), reportDir.resolve(MetricsReport.REPORT_MD));
    }

    private SegmentationDataset open(ClassMeta classes) {
        SegmentationDataset ds = data.open(split, classes);
        if (evalGroups != null) {
            GroupKey key = GroupKey.resolve(groupBy.spec, ds.layout().name(), "--group-by");
            SampleGroups groups = SampleGroups.of(ds, key);
            ds = groups.select(evalGroups, "--eval-groups");
        } else if (groupBy.spec != null) {
            throw new Seg4jException("--group-by is only used with --eval-groups");
        }
        System.err.printf(Locale.ROOT, "seg4j: evaluating %s on %d images of %s/%s%s%n", model, ds.size(),
                data.root, split, evalGroups == null ? "" : " (groups " + String.join(", ", evalGroups) + ")");
        return ds;
    }

    /** Prints the report's table and the throughput line (also for seg4j spark eval). */
    static void print(MetricsReport report, Evaluator.Result result, Path reportDir) {
        System.out.println(report.consoleTable());
        System.out.printf(Locale.ROOT, "%d images in %.1f s (%.2f images/s); report: %s%n", result.images(),
                result.elapsed().toMillis() / 1000.0, result.imagesPerSecond(),
                reportDir.resolve(MetricsReport.REPORT_MD));
    }
}
