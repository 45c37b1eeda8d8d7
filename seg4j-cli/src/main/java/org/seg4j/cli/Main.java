package org.seg4j.cli;

import java.io.PrintWriter;
import org.seg4j.Seg4jException;
import org.seg4j.util.BuildInfo;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code seg4j} command line: a thin layer over the public Java API. */
@Command(
        name = "seg4j",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Semantic segmentation on the JVM: prepare data, train, evaluate, predict.",
        subcommands = {
            QuickstartCommand.class,
            SynthCommand.class,
            DataCommand.class,
            TrainCommand.class,
            CvCommand.class,
            CvCompareCommand.class,
            EvalCommand.class,
            PredictCommand.class,
            RegionsCommand.class,
            ModelsCommand.class,
            ImportCommand.class,
            ExportCommand.class,
            BenchCommand.class,
            ServeCommand.class,
            SparkCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the CLI and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit status (0 on success); used by tests. */
    public static int run(String... args) {
        CommandLine cli = commandLine();
        return cli.execute(args);
    }

    /** The configured picocli command tree. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(Main::handleError);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    private static int handleError(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        PrintWriter err = cli.getErr();
        Throwable cause = e;
        while (!(cause instanceof Seg4jException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof Seg4jException) {
            err.println("seg4j: error: " + cause.getMessage());
        } else if (e instanceof java.io.UncheckedIOException || e instanceof java.io.IOException) {
            err.println("seg4j: error: " + e.getMessage());
        } else {
            err.println("seg4j: internal error: " + e);
            e.printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    /** Prints seg4j's, DJL's and the engine's versions. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "seg4j " + BuildInfo.version() + " (commit " + BuildInfo.gitCommit() + ")",
                "DJL " + BuildInfo.djlVersion() + ", " + BuildInfo.engineVersion(),
                "Java " + System.getProperty("java.version")
            };
        }
    }
}
