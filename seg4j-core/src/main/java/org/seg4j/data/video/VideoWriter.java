package org.seg4j.data.video;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.seg4j.Seg4jException;
import org.seg4j.data.RgbImage;
import org.seg4j.util.AtomicFiles;

/**
 * Encodes RGB frames into a video file by piping them to ffmpeg ({@code -f rawvideo -pix_fmt rgb24
 * -i pipe:0}). MP4, MOV and MKV get H.264 ({@code libx264}, {@code yuv420p}, CRF 20, so every player
 * opens them) when ffmpeg has it, MPEG-4 part 2 otherwise; other extensions let ffmpeg choose. Odd
 * frame sizes are padded by one pixel (yuv420p needs even sizes). The video is written to a
 * temporary file next to the target and renamed on {@link #close()}, so a failed run leaves no
 * half-written file under the target name.
 */
public final class VideoWriter implements AutoCloseable {

    private final Path target;
    private final Path temp;
    private final int width;
    private final int height;
    private final Process process;
    private final OutputStream out;
    private final Ffmpeg.StderrTail stderr;
    private long written;
    private boolean closed;

    private VideoWriter(Path target, int width, int height, double fps) {
        if (width < 1 || height < 1) {
            throw new Seg4jException(target + ": bad video frame size " + width + "x" + height);
        }
        if (!(fps > 0 && fps <= 1000)) {
            throw new Seg4jException(target + ": frame rate must be in (0, 1000], got " + fps);
        }
        this.target = target.toAbsolutePath();
        this.width = width;
        this.height = height;
        String name = this.target.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
        if (ext.isEmpty()) {
            throw new Seg4jException(target + ": a video file needs an extension (.mp4, .mkv, .webm, .avi, ...)");
        }
        try {
            Files.createDirectories(this.target.getParent());
        } catch (IOException e) {
            throw new Seg4jException(target + ": cannot create its folder (" + e.getMessage() + ")", e);
        }
        this.temp = this.target.resolveSibling("." + name + ".tmp." + ext);
        List<String> cmd = new ArrayList<>(List.of(Ffmpeg.tool("ffmpeg").toString(), "-v", "error", "-y",
                "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", width + "x" + height,
                "-framerate", String.format(Locale.ROOT, "%.6f", fps), "-i", "pipe:0",
                "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2"));
        if (List.of("mp4", "mov", "mkv", "m4v").contains(ext)) {
            if (Ffmpeg.hasLibx264()) {
                cmd.addAll(List.of("-c:v", "libx264", "-preset", "veryfast", "-crf", "20"));
            } else {
                cmd.addAll(List.of("-c:v", "mpeg4", "-q:v", "3"));
            }
            cmd.addAll(List.of("-pix_fmt", "yuv420p"));
        }
        cmd.add(temp.toString());
        this.process = Ffmpeg.start(cmd, target);
        this.out = new BufferedOutputStream(process.getOutputStream(), 1 << 20);
        this.stderr = new Ffmpeg.StderrTail(process.getErrorStream());
    }

    /**
     * Starts writing a video.
     *
     * @param file the target file; its extension picks the container
     * @param width frame width
     * @param height frame height
     * @param fps frames per second
     * @throws Seg4jException when ffmpeg is missing or the arguments are bad
     */
    public static VideoWriter open(Path file, int width, int height, double fps) {
        return new VideoWriter(file, width, height, fps);
    }

    /** Frames written so far. */
    public long framesWritten() {
        return written;
    }

    /**
     * Appends a frame.
     *
     * @throws Seg4jException when its size differs from the video's or ffmpeg has stopped
     */
    public void write(RgbImage frame) {
        if (closed) {
            throw new IllegalStateException("video writer is closed");
        }
        if (frame.width() != width || frame.height() != height) {
            throw new Seg4jException(target + ": frame " + (written + 1) + " is " + frame.width() + "x"
                    + frame.height() + ", the video is " + width + "x" + height);
        }
        try {
            out.write(frame.data());
        } catch (IOException e) {
            abort();
            throw new Seg4jException(target + ": ffmpeg stopped accepting frames after " + written
                    + " (" + e.getMessage() + "); ffmpeg said:\n  " + stderr.text(), e);
        }
        written++;
    }

    /**
     * Finishes the file: waits for ffmpeg, then renames the temporary file to the target.
     *
     * @throws Seg4jException naming the file, with ffmpeg's last messages, when encoding failed
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        int rc;
        try {
            out.close();
            rc = process.waitFor();
        } catch (IOException e) {
            abort();
            throw new Seg4jException(target + ": finishing the video failed (" + e.getMessage()
                    + "); ffmpeg said:\n  " + stderr.text(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort();
            throw new Seg4jException(target + ": interrupted while ffmpeg was finishing the video", e);
        }
        if (rc != 0) {
            deleteTemp();
            throw new Seg4jException(target + ": ffmpeg failed (exit " + rc + ") after " + written
                    + " frames; ffmpeg said:\n  " + stderr.text());
        }
        if (written == 0) {
            deleteTemp();
            throw new Seg4jException(target + ": no frames were written, so no video was made");
        }
        try {
            AtomicFiles.replaceFile(temp, target);
        } catch (IOException e) {
            deleteTemp();
            throw new Seg4jException(target + ": cannot move the finished video into place (" + e.getMessage() + ")", e);
        }
    }

    private void abort() {
        closed = true;
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTemp();
    }

    private void deleteTemp() {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // best effort: a leftover hidden temp file is harmless
        }
    }
}
