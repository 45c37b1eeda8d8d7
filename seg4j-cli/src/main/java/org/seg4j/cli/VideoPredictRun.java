package org.seg4j.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.seg4j.Seg4jException;
import org.seg4j.data.video.FrameFolderSource;
import org.seg4j.data.video.FrameSequences;
import org.seg4j.data.video.FrameSource;
import org.seg4j.data.video.VideoReader;
import org.seg4j.infer.PredictorOptions;
import org.seg4j.infer.video.TemporalMode;
import org.seg4j.infer.video.VideoPrediction;
import org.seg4j.infer.video.VideoSegmenter;

/** The video branch of {@code seg4j predict}: a video file or frame folder to an overlay video. */
final class VideoPredictRun {

    static final List<String> VIDEO_EXTENSIONS = List.of("mp4", "m4v", "mov", "mkv", "webm", "avi", "mpg", "mpeg");

    private VideoPredictRun() {}

    static boolean isVideoFile(Path p) {
        String name = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot > 0 && VIDEO_EXTENSIONS.contains(name.substring(dot + 1));
    }

    static int run(Path model, PredictorOptions options, Path input, Path out, String smoothing, Path masks,
            double alpha) {
        if (!isVideoFile(out)) {
            throw new Seg4jException("--out " + out + ": a video input needs a video file to write ("
                    + String.join(", ", VIDEO_EXTENSIONS) + ")");
        }
        TemporalMode mode = TemporalMode.parse(smoothing, org.seg4j.opencv.FarnebackFlow::defaults);
        if (masks != null) {
            try {
                Files.createDirectories(masks);
            } catch (IOException e) {
                throw new Seg4jException("--masks " + masks + ": cannot create folder (" + e.getMessage() + ")", e);
            }
        }
        try (VideoSegmenter segmenter = VideoSegmenter.builder().setModelDir(model).optOptions(options)
                        .optTemporal(mode).build();
                FrameSource source = Files.isDirectory(input)
                        ? new FrameFolderSource(FrameSequences.fromFrameFolder(input), 0)
                        : VideoReader.open(input)) {
            VideoPrediction.Summary s = new VideoPrediction(segmenter, alpha, masks, System.err).run(source, out);
            System.err.printf(Locale.ROOT, "seg4j: %s, smoothing %s -> %s%s%n", s, segmenter.temporal().describe(), out,
                    masks == null ? "" : " (masks in " + masks + ")");
            return 0;
        }
    }
}
