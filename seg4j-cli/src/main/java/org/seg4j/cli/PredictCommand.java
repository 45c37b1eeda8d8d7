package org.seg4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.infer.FolderPrediction;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.instance.InstancePredictionWriter;
import org.seg4j.infer.instance.PanopticPrediction;
import org.seg4j.infer.instance.PanopticPredictor;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.instance.maskrcnn.MaskRcnnDirectory;
import org.seg4j.infer.output.OutputFormat;
import org.seg4j.infer.output.PredictionWriter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seg4j predict}: segment an image or a folder of images. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Segment an image or every image in a folder; writes masks, colour masks, overlays, "
                + "probability maps or cutouts (background removed) at the input's full resolution, or polygons "
                + "for correction in LabelMe or a COCO tool (read back with seg4j data convert). "
                + "A video file (clip.mp4), or a frame folder with --out clip.mp4, gives an overlay video.")
final class PredictCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "Model directory (from seg4j train).")
    Path model;

    @Option(names = "--input", required = true,
            description = "An image file, a folder of images, or a video file (mp4, mkv, webm, avi, mov, ...).")
    Path input;

    @Option(names = "--out", required = true,
            description = "Output folder; for a video input (or a frame folder as a clip) the overlay video file.")
    Path out;

    @Option(names = "--format", defaultValue = "mask,color,overlay", split = ",",
            description = "Outputs: mask, color, overlay, probs, cutout, labelme (<stem>.json per image), "
                    + "coco (one " + PredictionWriter.COCO_FILE + ") (default: ${DEFAULT-VALUE}).")
    List<String> formats;

    @Option(names = "--polygon-tolerance", defaultValue = "1.0", description = "labelme/coco: Douglas-Peucker "
            + "tolerance in pixels; 0 keeps the exact pixel outlines (default: ${DEFAULT-VALUE}).")
    double polygonTolerance;

    @Option(names = "--alpha", defaultValue = "0.5", description = "Overlay opacity (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--foreground", split = ",",
            description = "Classes kept by the cutout format (default: all but background/class 0).")
    List<String> foreground = List.of();

    @Option(names = "--skip-bad", description = "Skip unreadable images and list them at the end.")
    boolean skipBad;

    @Option(names = "--smoothing", defaultValue = "auto", description = "Video only: temporal state: auto (a "
            + "temporal model's own memory, else none), none, ema or ema:ALPHA (moving average of the per-frame "
            + "probabilities, ALPHA the weight of the newest frame), ema-flow or ema-flow:ALPHA (the same, "
            + "motion-compensated by optical flow), recurrent, or recurrent-flow (the memory's state warped along "
            + "the optical flow before each update; auto picks it for a model trained with --temporal-warp flow) "
            + "(default: ${DEFAULT-VALUE}).")
    String smoothing;

    @Option(names = "--masks", description = "Video only: also write every frame's class-id mask to this folder.")
    Path masks;

    @Mixin
    ComponentOptions components = new ComponentOptions();

    @Mixin
    PanopticOptions panopticOptions = new PanopticOptions();

    @ArgGroup(exclusive = false, heading = "Inference%n")
    InferenceOptions inference = new InferenceOptions();

    @Override
    public Integer call() {
        if (VideoPredictRun.isVideoFile(input) || VideoPredictRun.isVideoFile(out)) {
            return VideoPredictRun.run(model, inference.toOptions(), input, out, smoothing, masks, alpha);
        }
        components.enabled(); // a bad --method fails before anything is loaded
        if (masks != null || !smoothing.equals("auto")) {
            throw new Seg4jException("--smoothing and --masks apply to videos: give a video --input, "
                    + "or a frame folder with a video --out (e.g. out.mp4)");
        }
        if (MaskRcnnDirectory.isMaskRcnn(model)) {
            inference.requireDjl(model, "Mask R-CNN");
            components.requireSemantic(model, "Mask R-CNN");
            return MaskRcnnRuns.predict(model, input, out, panopticOptions.minScore, alpha, skipBad);
        }
        if (ModelDirectory.readManifest(model).isPanoptic()) {
            inference.requireDjl(model, "panoptic model");
            return panoptic();
        }
        try (Predictor predictor = Predictor.load(model, inference.toOptions())) {
            PredictionWriter writer = new PredictionWriter(OutputFormat.parseList(String.join(",", formats)),
                    predictor.classes(), alpha, foreground, polygonTolerance);
            // the summary line (and any skipped images) goes to the progress stream
            InstancePredictionWriter instances = instanceWriter(predictor.classes());
            FolderPrediction.Summary summary = new FolderPrediction(predictor, writer, instances, skipBad, System.err)
                    .run(input, out);
            if (instances != null) {
                instances.finish();
            }
            return summary.failed().isEmpty() ? 0 : 2;
        }
    }

    /**
     * A panoptic model: semantic map and instances in one pass per image; the --format outputs of the
     * semantic map plus the instance files of {@link InstancePredictionWriter}.
     */
    private int panoptic() {
        components.requireSemantic(model, "panoptic model");
        ClassMeta classes = ModelDirectory.readManifest(model).classes();
        try (PanopticPredictor predictor = PanopticPredictor.load(model, panopticOptions.grouping(classes))) {
            PredictionWriter writer = new PredictionWriter(OutputFormat.parseList(String.join(",", formats)),
                    classes, alpha, foreground, polygonTolerance);
            InstancePredictionWriter instances = new InstancePredictionWriter(classes, out, alpha);
            FolderPrediction.Summary summary = new FolderPrediction((dir, stem, image) -> {
                PanopticPrediction p = predictor.predict(image);
                instances.write(dir, stem, image, p.segmentation());
                return p.semantic();
            }, writer, skipBad, System.err).run(input, out);
            if (summary.images() > 0) {
                instances.finish();
            }
            return summary.failed().isEmpty() ? 0 : 2;
        }
    }

    /** The instance outputs of {@code --method components}, or {@code null} for {@code semantic}. */
    private InstancePredictionWriter instanceWriter(ClassMeta modelClasses) {
        if (!components.enabled()) {
            return null;
        }
        ClassMeta classes = components.classes(modelClasses);
        return new InstancePredictionWriter(components.instances(classes), classes, out, alpha);
    }
}
