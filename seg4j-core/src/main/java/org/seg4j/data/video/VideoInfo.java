package org.seg4j.data.video;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seg4j.Seg4jException;

/**
 * The first video stream of a file, as {@code ffprobe} reports it.
 *
 * @param width frame width in pixels
 * @param height frame height in pixels
 * @param fps frames per second (the stream's average rate; 0 when unknown)
 * @param frames number of frames, or -1 when the container does not say
 */
public record VideoInfo(int width, int height, double fps, long frames) {

    /**
     * Probes a video file.
     *
     * @throws Seg4jException naming the file when it is missing, has no video stream, or ffprobe fails
     */
    public static VideoInfo probe(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new Seg4jException(file + ": video file not found");
        }
        Process p = Ffmpeg.start(List.of(Ffmpeg.tool("ffprobe").toString(), "-v", "error", "-select_streams", "v:0",
                "-show_entries", "stream=width,height,avg_frame_rate,r_frame_rate,nb_frames",
                "-of", "default=noprint_wrappers=1", file.toString()), file);
        Ffmpeg.StderrTail err = new Ffmpeg.StderrTail(p.getErrorStream());
        String out;
        int rc;
        try {
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            rc = p.waitFor();
        } catch (Exception e) {
            p.destroyForcibly();
            throw new Seg4jException(file + ": ffprobe failed (" + e.getMessage() + ")", e);
        }
        if (rc != 0) {
            throw new Seg4jException(file + ": ffprobe cannot read it (exit " + rc + "):\n  " + err.text());
        }
        Map<String, String> kv = new HashMap<>();
        for (String line : out.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                kv.putIfAbsent(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        if (!kv.containsKey("width") || !kv.containsKey("height")) {
            throw new Seg4jException(file + ": no video stream (ffprobe found none)");
        }
        double fps = rate(kv.get("avg_frame_rate"));
        if (fps <= 0) {
            fps = rate(kv.get("r_frame_rate"));
        }
        long frames;
        try {
            frames = Long.parseLong(kv.getOrDefault("nb_frames", "-1"));
        } catch (NumberFormatException e) {
            frames = -1;
        }
        try {
            return new VideoInfo(Integer.parseInt(kv.get("width")), Integer.parseInt(kv.get("height")), fps, frames);
        } catch (NumberFormatException e) {
            throw new Seg4jException(file + ": ffprobe reported a frame size that is not a number: " + kv);
        }
    }

    /** Parses {@code 30000/1001} or {@code 25}; 0 when unknown. */
    static double rate(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            int slash = text.indexOf('/');
            if (slash < 0) {
                return Double.parseDouble(text);
            }
            double den = Double.parseDouble(text.substring(slash + 1));
            return den == 0 ? 0 : Double.parseDouble(text.substring(0, slash)) / den;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
