package org.seg4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.seg4j.Seg4jException;

/** Runs one benchmark process to its end and returns its output (stdout and stderr merged). */
final class ChildProcess {

    private ChildProcess() {}

    /**
     * Runs {@code command} with {@code env} changes (a {@code null} value removes the variable),
     * echoing its lines to {@code echo} (may be {@code null}); fails with the output's end unless it
     * exits with 0. {@code what} names the process in errors.
     */
    static String run(List<String> command, Map<String, String> env, String what, PrintStream echo) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        env.forEach((k, v) -> {
            if (v == null) {
                pb.environment().remove(k);
            } else {
                pb.environment().put(k, v);
            }
        });
        StringBuilder out = new StringBuilder();
        int code;
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    out.append(line).append('\n');
                    if (echo != null && !line.startsWith(ResultLine.PREFIX)) {
                        echo.println("  [" + what + "] " + line);
                    }
                }
            }
            code = p.waitFor();
        } catch (IOException e) {
            throw new Seg4jException("cannot run " + what + " (" + String.join(" ", command) + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Seg4jException("interrupted while running " + what);
        }
        if (code != 0) {
            String s = out.toString();
            throw new Seg4jException(what + " failed with exit code " + code + " (" + String.join(" ", command)
                    + "); its output ended with:\n" + (s.length() > 3000 ? "..." + s.substring(s.length() - 3000) : s));
        }
        return out.toString();
    }
}
