package org.seg4j.data.video;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import org.seg4j.Seg4jException;

/**
 * Locates and runs the {@code ffmpeg} and {@code ffprobe} command-line tools. They are looked up in
 * the folder named by the system property {@code seg4j.ffmpeg.dir} or the environment variable
 * {@code SEG4J_FFMPEG_DIR}, else on the {@code PATH}. A missing tool is an error that says how to
 * install it.
 */
public final class Ffmpeg {

    /** Lines of a tool's standard error kept for error messages. */
    static final int STDERR_TAIL_LINES = 12;

    private Ffmpeg() {}

    /** Whether both {@code ffmpeg} and {@code ffprobe} can be found. */
    public static boolean isAvailable() {
        return find("ffmpeg").isPresent() && find("ffprobe").isPresent();
    }

    /**
     * The path of a tool ({@code ffmpeg} or {@code ffprobe}).
     *
     * @throws Seg4jException when it is not installed, saying how to install it
     */
    public static Path tool(String name) {
        return find(name).orElseThrow(() -> new Seg4jException(name + " not found (looked in "
                + (configuredDir() == null ? "" : configuredDir() + " and ") + "the PATH); seg4j reads and writes"
                + " video files through ffmpeg: install it (Debian/Ubuntu: apt-get install ffmpeg; macOS: brew install"
                + " ffmpeg; Windows: winget install ffmpeg) or set SEG4J_FFMPEG_DIR to the folder holding " + name));
    }

    /** Whether ffmpeg has the libx264 H.264 encoder (Debian's build has it). */
    public static boolean hasLibx264() {
        Process p = start(List.of(tool("ffmpeg").toString(), "-hide_banner", "-encoders"), null);
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out.contains(" libx264 ");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts a tool; standard error is left to the caller ({@link StderrTail}). */
    static Process start(List<String> command, Path file) {
        try {
            return new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new Seg4jException((file == null ? "" : file + ": ") + "cannot start " + command.get(0)
                    + " (" + e.getMessage() + ")", e);
        }
    }

    private static String configuredDir() {
        String dir = System.getProperty("seg4j.ffmpeg.dir");
        return dir != null ? dir : System.getenv("SEG4J_FFMPEG_DIR");
    }

    private static Optional<Path> find(String name) {
        String dir = configuredDir();
        String path = System.getenv("PATH");
        String dirs = (dir == null ? "" : dir + File.pathSeparator) + (path == null ? "" : path);
        for (String d : dirs.split(File.pathSeparator)) {
            if (d.isEmpty()) {
                continue;
            }
            for (String n : new String[] {name, name + ".exe"}) {
                Path p = Path.of(d, n);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /** Drains a process's standard error on a daemon thread, keeping its last lines. */
    static final class StderrTail {
        private final ArrayDeque<String> lines = new ArrayDeque<>();
        private final Thread thread;

        StderrTail(InputStream stderr) {
            thread = new Thread(() -> {
                try (var reader = new java.io.BufferedReader(
                        new java.io.InputStreamReader(stderr, StandardCharsets.UTF_8))) {
                    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                        synchronized (lines) {
                            lines.addLast(line);
                            if (lines.size() > STDERR_TAIL_LINES) {
                                lines.removeFirst();
                            }
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended; what was read is kept
                }
            }, "ffmpeg-stderr");
            thread.setDaemon(true);
            thread.start();
        }

        /** The last lines, joined, after the stream has ended (waits up to a second). */
        String text() {
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (lines) {
                return lines.isEmpty() ? "(no output)" : String.join("\n  ", lines);
            }
        }
    }
}
