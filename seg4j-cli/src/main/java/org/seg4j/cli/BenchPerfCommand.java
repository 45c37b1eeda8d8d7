package org.seg4j.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.seg4j.bench.PerfReport;
import org.seg4j.bench.PerfRunner;
import org.seg4j.bench.PerfSettings;
import org.seg4j.bench.PerfTable;
import org.seg4j.bench.PythonTorch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seg4j bench perf}: seg4j against the same models in PyTorch (Python), side by side. */
@Command(name = "perf", mixinStandardHelpOptions = true,
        description = {"seg4j against the same networks in PyTorch on this machine: inference and training images/s,"
                + " p50 latency, peak memory and the loader; prints the table and writes it to docs/performance.md.",
                "Installs Debian's python3-torch with apt-get when the interpreter has no torch (unless --no-install)."})
final class BenchPerfCommand implements Callable<Integer> {

    @Option(names = "--models", defaultValue = "unet,deeplabv3plus", split = ",",
            description = "Models (default: ${DEFAULT-VALUE}); deeplabv3plus uses encoder resnet18.")
    List<String> models;

    @Option(names = "--unet-width", defaultValue = "32", description = "U-Net base width (default: ${DEFAULT-VALUE}).")
    int unetWidth;

    @Option(names = "--classes", defaultValue = "12", description = "Classes (default: ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--threads", defaultValue = "2", description = "Threads of both engines (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--infer-size", defaultValue = "512", description = "Inference input side (default: ${DEFAULT-VALUE}).")
    int inferSize;

    @Option(names = "--infer-batches", defaultValue = "1,8", description = "Inference batch sizes (default: ${DEFAULT-VALUE}).")
    String inferBatches;

    @Option(names = "--train-size", defaultValue = "256", description = "Training input side (default: ${DEFAULT-VALUE}).")
    int trainSize;

    @Option(names = "--train-batch", defaultValue = "8", description = "Training batch size (default: ${DEFAULT-VALUE}).")
    int trainBatch;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed passes first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--runs", defaultValue = "5", description = "Timed inference passes (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--train-steps", defaultValue = "4", description = "Timed training steps (default: ${DEFAULT-VALUE}).")
    int trainSteps;

    @Option(names = "--camvid", description = "CamVid root for the loader row (default: none, no loader row).")
    Path camvid;

    @Option(names = "--loader-batches", defaultValue = "20", description = "Loader batches (default: ${DEFAULT-VALUE}).")
    int loaderBatches;

    @Option(names = "--python", defaultValue = "/usr/bin/python3",
            description = "Python interpreter with torch (default: ${DEFAULT-VALUE}, Debian's).")
    Path python;

    @Option(names = "--script", description = "The PyTorch side (default: bench/perf_pytorch.py of this checkout).")
    Path script;

    @Option(names = "--no-install", description = "Fail instead of installing python3-torch when torch is missing.")
    boolean noInstall;

    @Option(names = "--report", defaultValue = "docs/performance.md",
            description = "Markdown file whose generated section is replaced (default: ${DEFAULT-VALUE}); '-' for none.")
    String report;

    @Override
    public Integer call() {
        PerfSettings settings = new PerfSettings(models, unetWidth, classes, threads, inferSize,
                PerfSettings.parseInts(inferBatches, "--infer-batches"), trainSize, trainBatch, warmup, runs, trainSteps);
        String torch = PythonTorch.ensure(python, !noInstall, System.err);
        Path py = script != null ? script : defaultScript();
        PerfRunner.Results results = new PerfRunner(settings, new PerfRunner.Setup(python, py, camvid, loaderBatches),
                System.err).run();
        PerfTable table = results.table();
        System.out.print(table.markdown());
        if (!"-".equals(report)) {
            PerfReport.write(Path.of(report), PerfReport.section(table, settings, command(), torch,
                    PerfReport.machine()));
            System.out.println("bench perf: wrote " + report);
        }
        return 0;
    }

    /** The command with every setting spelled out, to re-run exactly this measurement. */
    private String command() {
        StringBuilder sb = new StringBuilder("./seg4j bench perf --models ").append(String.join(",", models))
                .append(" --unet-width ").append(unetWidth).append(" --classes ").append(classes)
                .append(" --threads ").append(threads).append(" --infer-size ").append(inferSize)
                .append(" --infer-batches ").append(inferBatches).append(" --train-size ").append(trainSize)
                .append(" --train-batch ").append(trainBatch).append(" --warmup ").append(warmup)
                .append(" --runs ").append(runs).append(" --train-steps ").append(trainSteps);
        if (camvid != null) {
            sb.append(" --camvid ").append(camvid).append(" --loader-batches ").append(loaderBatches);
        }
        return sb.toString();
    }

    /** bench/perf_pytorch.py in the working directory, else next to the jar's checkout. */
    private static Path defaultScript() {
        Path here = Path.of("bench", "perf_pytorch.py");
        if (Files.isRegularFile(here)) {
            return here;
        }
        try {
            Path jar = Path.of(BenchPerfCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = jar.getParent() == null ? null : jar.getParent().getParent();
            if (root != null && Files.isRegularFile(root.resolve(here))) {
                return root.resolve(here);
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the working-directory path, whose absence PerfRunner reports
        }
        return here;
    }
}
