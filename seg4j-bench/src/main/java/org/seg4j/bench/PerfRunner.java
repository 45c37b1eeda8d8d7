package org.seg4j.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seg4j.Seg4jException;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.train.loader.BatchLoader;
import org.seg4j.bench.LoaderBenchmark;
import org.seg4j.train.TrainConfig;
import org.seg4j.train.TrainingLoaders;

/**
 * Runs both sides of {@code seg4j bench perf}, one process per side and model so that each peak
 * resident memory is that process's own: a child JVM for seg4j ({@code seg4j bench perf-worker})
 * and {@code bench/perf_pytorch.py} for PyTorch, both with the same thread count. seg4j's JVM gets
 * the launcher's settings ({@code OMP_WAIT_POLICY=PASSIVE}, {@code
 * GLIBC_TUNABLES=glibc.malloc.hugetlb=1}); Python runs in its normal configuration (both variables
 * removed).
 */
public final class PerfRunner {

    /**
     * Where to find things.
     *
     * @param python the Python interpreter with torch
     * @param script {@code bench/perf_pytorch.py}
     * @param camvid CamVid root for the loader row, or {@code null} for none
     * @param loaderBatches loader batches to time
     */
    public record Setup(Path python, Path script, Path camvid, int loaderBatches) {}

    /** Everything measured in one run. */
    public record Results(
            List<SideResult> seg4j, List<SideResult> pytorch, SideResult loaderSeg4j, SideResult loaderPytorch) {

        /** The comparison table. */
        public PerfTable table() {
            return PerfTable.of(seg4j, pytorch, loaderSeg4j, loaderPytorch);
        }
    }

    private final PerfSettings settings;
    private final Setup setup;
    private final PrintStream log;

    public PerfRunner(PerfSettings settings, Setup setup, PrintStream log) {
        this.settings = settings;
        this.setup = setup;
        this.log = log;
        if (!Files.isRegularFile(setup.script())) {
            throw new Seg4jException(setup.script() + ": PyTorch benchmark script not found (give --script)");
        }
    }

    /** Runs every measurement, model by model, seg4j then PyTorch. */
    public Results run() {
        List<SideResult> seg4j = new ArrayList<>();
        List<SideResult> pytorch = new ArrayList<>();
        for (String model : settings.models()) {
            log.println("bench perf: " + model + ", seg4j");
            seg4j.add(ResultLine.parse(ChildProcess.run(javaCommand(model), seg4jEnv(), "seg4j " + model, log),
                    "seg4j " + model));
            log.println("bench perf: " + model + ", PyTorch");
            List<String> py = new ArrayList<>(List.of(setup.python().toString(), setup.script().toString()));
            py.addAll(settings.sideArguments(model));
            pytorch.add(ResultLine.parse(ChildProcess.run(py, pythonEnv(), "PyTorch " + model, log),
                    "PyTorch " + model));
        }
        SideResult loaderSeg4j = null;
        SideResult loaderPytorch = null;
        if (setup.camvid() != null) {
            log.println("bench perf: loader, seg4j");
            loaderSeg4j = seg4jLoader();
            log.println("bench perf: loader, PyTorch");
            List<String> py = new ArrayList<>(List.of(setup.python().toString(), setup.script().toString(),
                    "--loader", setup.camvid().toString(),
                    "--loader-batches", Integer.toString(setup.loaderBatches()),
                    "--train-batch", Integer.toString(settings.trainBatch()),
                    "--train-size", Integer.toString(settings.trainSize()),
                    "--threads", Integer.toString(settings.threads())));
            loaderPytorch = ResultLine.parse(ChildProcess.run(py, pythonEnv(), "PyTorch loader", log), "PyTorch loader");
        }
        return new Results(seg4j, pytorch, loaderSeg4j, loaderPytorch);
    }

    private List<String> javaCommand(String model) {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                "-Djava.awt.headless=true",
                "-Dai.djl.pytorch.num_threads=" + settings.threads(),
                "-Dai.djl.pytorch.num_interop_threads=1",
                "-cp", System.getProperty("java.class.path"),
                "org.seg4j.cli.Main", "bench", "perf-worker"));
        cmd.addAll(settings.sideArguments(model));
        return cmd;
    }

    private Map<String, String> seg4jEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("OMP_NUM_THREADS", Integer.toString(settings.threads()));
        env.put("OMP_WAIT_POLICY", "PASSIVE");
        env.put("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1");
        return env;
    }

    private Map<String, String> pythonEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("OMP_NUM_THREADS", Integer.toString(settings.threads()));
        env.put("OMP_WAIT_POLICY", null);
        env.put("GLIBC_TUNABLES", null);
        return env;
    }

    /** seg4j's training loader on the CamVid training split, with the default training augmentation. */
    private SideResult seg4jLoader() {
        TrainConfig cfg = TrainConfig.defaults().toBuilder()
                .optBatchSize(settings.trainBatch())
                .optCrop(settings.trainSize(), settings.trainSize())
                .optNumWorkers(2)
                .build();
        SegmentationDataset ds = SegmentationDataset.open(setup.camvid(), "camvid", "train");
        try (BatchLoader loader = TrainingLoaders.training(ds, cfg, cfg.normalization()).build()) {
            double rate = LoaderBenchmark.imagesPerSecond(loader, setup.loaderBatches());
            return new SideResult("seg4j", null, 0, List.of(), null, rate, ProcessMemory.peakRssMb(), "");
        }
    }
}
