package org.seg4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Runs the CLI in-process and captures what it prints. */
final class CliRunner {

    /** Exit code and output of one run. */
    record Run(int exitCode, String out, String err) {}

    private CliRunner() {}

    /** The arguments {@code base} followed by {@code more}, for runs that differ by a few options. */
    static String[] concat(String[] base, String... more) {
        String[] r = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, r, base.length, more.length);
        return r;
    }

    static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StringWriter picoOut = new StringWriter();
        StringWriter picoErr = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            CommandLine cli = Main.commandLine();
            cli.setOut(new PrintWriter(picoOut, true));
            cli.setErr(new PrintWriter(picoErr, true));
            int code = cli.execute(args);
            return new Run(code, picoOut + out.toString(StandardCharsets.UTF_8),
                    picoErr + err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
