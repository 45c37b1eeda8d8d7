package org.seg4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.seg4j.Seg4jException;
import org.seg4j.data.LabelMask;
import org.seg4j.data.MaskReader;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.video.ClipFrame;
import org.seg4j.data.video.FrameSequence;
import org.seg4j.data.video.FrameSequences;
import org.seg4j.infer.PredictorOptions;
import org.seg4j.infer.video.ClipEvaluation;
import org.seg4j.infer.video.TemporalMode;
import org.seg4j.infer.video.VideoSegmenter;
import org.seg4j.metric.SegmentationMetrics;
import org.seg4j.metric.report.FlickerPlot;
import org.seg4j.metric.video.FlickerCounter;
import org.seg4j.opencv.FarnebackFlow;
import org.seg4j.util.Json;

/**
 * {@code seg4j eval --temporal}: per-frame mIoU, flicker and TC on sequences, from a clip folder
 * ({@code <clip>/frames/}, {@code <clip>/masks/}) or a split whose ids are {@code SEQUENCE_NUMBER}.
 */
final class TemporalEvalRun {

    static final String METRICS_FILE = "temporal.json";

    private TemporalEvalRun() {}

    static int run(Path model, PredictorOptions options, DataOptions data, String split, String smoothing, Path out,
            boolean measureTc) {
        TemporalMode mode = TemporalMode.parse(smoothing, org.seg4j.opencv.FarnebackFlow::defaults);
        try (VideoSegmenter segmenter = VideoSegmenter.builder().setModelDir(model).optOptions(options)
                .optTemporal(mode).build()) {
            String used = segmenter.temporal().describe();
            List<FrameSequence> sequences;
            Function<ClipFrame, LabelMask> masks;
            String source;
            if (FrameSequences.isClipFolder(data.root)) {
                sequences = FrameSequences.fromClipFolder(data.root);
                MaskReader reader = new MaskReader(segmenter.classes());
                masks = f -> reader.read(f.mask());
                source = data.root + " (clip folders)";
            } else {
                SegmentationDataset ds = data.open(split, segmenter.classes());
                sequences = FrameSequences.fromEntries(ds.entries());
                Map<String, Integer> index = new HashMap<>();
                for (int i = 0; i < ds.size(); i++) {
                    index.put(ds.id(i), i);
                }
                masks = f -> ds.loadMask(index.get(f.id()));
                source = data.root + "/" + split;
            }
            for (FrameSequence s : sequences) {
                System.err.printf(Locale.ROOT, "seg4j: sequence %s: %d frames (%d labelled), frame spacing %d%s%n",
                        s.name(), s.size(), s.labelledCount(), s.spacing(),
                        s.gaps() == 0 ? "" : ", " + s.gaps() + " gaps");
            }
            FarnebackFlow flow = TemporalReport.flow(measureTc);
            ClipEvaluation.Result r = new ClipEvaluation(segmenter, masks, System.err, flow).run(sequences);
            if (r.labelledFrames() == 0) {
                throw new Seg4jException(source + ": no labelled frames, so no mIoU (flicker without labels: "
                        + r.flicker().unlabelledFlicker() + ")");
            }
            SegmentationMetrics m = r.confusion().metrics();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("model", model.toString());
            json.put("data", source);
            json.put("smoothing", used);
            json.put("sequences", r.sequences());
            json.put("frames", r.frames());
            json.put("labelledFrames", r.labelledFrames());
            json.put("mIoU", m.meanIoU());
            json.put("pixelAccuracy", m.pixelAccuracy());
            json.put("flicker", nanToNull(r.flicker().flicker()));
            json.put("unlabelledFlicker", nanToNull(r.flicker().unlabelledFlicker()));
            json.put("labelledPairs", r.flicker().labelledPairs());
            json.put("pairs", r.flicker().pairs());
            TemporalReport.putTc(json, r, flow == null ? null : flow.describe());
            json.put("framesPerSecond", r.framesPerSecond());
            List<FlickerCounter.PairFlicker> perPair = r.flicker().perPair();
            double[] labelled = perPair.stream().mapToDouble(FlickerCounter.PairFlicker::labelled).toArray();
            double[] unlabelled = perPair.stream().mapToDouble(FlickerCounter.PairFlicker::unlabelled).toArray();
            json.put("flickerPerPair", Arrays.stream(labelled).mapToObj(TemporalEvalRun::nanToNull).toList());
            json.put("unlabelledFlickerPerPair", Arrays.stream(unlabelled).boxed().toList());
            Path dir = out != null ? out : model.resolve("eval-temporal-" + used.replace(':', '-'));
            try {
                Files.createDirectories(dir);
            } catch (java.io.IOException e) {
                throw new Seg4jException(dir + ": cannot create report folder (" + e.getMessage() + ")", e);
            }
            Json.writeJson(dir.resolve(METRICS_FILE), json);
            TemporalReport.writeMarkdown(dir.resolve(TemporalReport.REPORT_FILE), json, r, segmenter.classes());
            writePlot(dir.resolve(FlickerPlot.FILE_NAME), used, labelled, unlabelled);
            System.out.printf(Locale.ROOT, "smoothing %s: mIoU %.4f, pixel acc %.4f, flicker %.4f (%d labelled pairs), "
                    + "unlabelled flicker %.4f (%d pairs); %d frames in %.1f s (%.2f frames/s); %s%n",
                    used, m.meanIoU(), m.pixelAccuracy(), r.flicker().flicker(), r.flicker().labelledPairs(),
                    r.flicker().unlabelledFlicker(), r.flicker().pairs(), r.frames(), r.seconds(), r.framesPerSecond(),
                    dir.resolve(METRICS_FILE));
            String tcLine = TemporalReport.consoleLine(r);
            if (tcLine != null) {
                System.out.println(tcLine);
            }
            return 0;
        }
    }

    /** One line per flicker measure over the pairs, in sequence order; labelled only when some pair had labels. */
    private static void writePlot(Path png, String smoothing, double[] labelled, double[] unlabelled) {
        if (unlabelled.length == 0) {
            return;
        }
        FlickerPlot plot = new FlickerPlot("Flicker per pair of consecutive frames (smoothing " + smoothing + ")",
                "pixels whose class changed (%)");
        if (Arrays.stream(labelled).anyMatch(v -> !Double.isNaN(v))) {
            plot.add("labelled: truth unchanged", labelled);
        }
        plot.add("unlabelled: all pixels", unlabelled).write(png);
    }

    private static Double nanToNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
