package org.seg4j.data.video;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import org.seg4j.Seg4jException;
import org.seg4j.data.RgbImage;

/**
 * Decodes a video file (MP4/H.264, MKV, WebM, AVI, MOV, ... whatever the installed ffmpeg reads)
 * into RGB frames: {@code ffmpeg -i FILE -f rawvideo -pix_fmt rgb24 pipe:1}, frame size from
 * {@code ffprobe}. Frames come in stored orientation (rotation metadata is not applied), at the
 * stream's own frame rate. Only one frame is held at a time.
 *
 * <pre>{@code
 * try (VideoReader video = VideoReader.open(Path.of("clip.mp4"))) {
 *     for (RgbImage frame = video.next(); frame != null; frame = video.next()) { ... }
 * }
 * }</pre>
 */
public final class VideoReader implements FrameSource {

    private final Path file;
    private final VideoInfo info;
    private final Process process;
    private final InputStream in;
    private final Ffmpeg.StderrTail stderr;
    private final int frameBytes;
    private long read;
    private boolean ended;

    private VideoReader(Path file, VideoInfo info) {
        this.file = file;
        this.info = info;
        this.frameBytes = Math.multiplyExact(Math.multiplyExact(info.width(), info.height()), 3);
        this.process = Ffmpeg.start(List.of(Ffmpeg.tool("ffmpeg").toString(), "-v", "error", "-nostdin",
                "-noautorotate", "-i", file.toString(), "-map", "0:v:0", "-f", "rawvideo", "-pix_fmt", "rgb24",
                "pipe:1"), file);
        this.in = new BufferedInputStream(process.getInputStream(), 1 << 20);
        this.stderr = new Ffmpeg.StderrTail(process.getErrorStream());
    }

    /**
     * Opens a video file.
     *
     * @throws Seg4jException naming the file when it is missing, unreadable or ffmpeg is not installed
     */
    public static VideoReader open(Path file) {
        return new VideoReader(file, VideoInfo.probe(file));
    }

    /** The stream's size, rate and frame count. */
    public VideoInfo info() {
        return info;
    }

    @Override
    public long frameCount() {
        return info.frames();
    }

    @Override
    public double fps() {
        return info.fps();
    }

    /** Frames read so far. */
    public long framesRead() {
        return read;
    }

    /**
     * The next frame, or {@code null} at the end of the stream.
     *
     * @throws Seg4jException naming the file, with ffmpeg's last messages, when decoding fails
     */
    @Override
    public RgbImage next() {
        if (ended) {
            return null;
        }
        byte[] data = new byte[frameBytes];
        int n;
        try {
            n = in.readNBytes(data, 0, frameBytes);
        } catch (IOException e) {
            throw failure("reading decoded frames failed (" + e.getMessage() + ")");
        }
        if (n == frameBytes) {
            read++;
            return new RgbImage(info.width(), info.height(), data);
        }
        ended = true;
        int rc = waitForExit();
        if (rc != 0) {
            throw failure("ffmpeg failed after " + read + " frames (exit " + rc + ")");
        }
        if (n != 0) {
            throw failure("the stream ended inside frame " + (read + 1) + " (" + n + " of " + frameBytes
                    + " bytes); the frame size changed mid-stream?");
        }
        return null;
    }

    private int waitForExit() {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    private Seg4jException failure(String what) {
        process.destroyForcibly();
        return new Seg4jException(file + ": " + what + "; ffmpeg said:\n  " + stderr.text());
    }

    /** Stops ffmpeg if it is still decoding. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            waitForExit();
        }
        try {
            in.close();
        } catch (IOException ignored) {
            // the process is gone
        }
    }
}
