package org.seg4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Times inference (forward pass to logits at the input resolution, batch 1, a fresh sub-manager
 * per call, after 10 warm-up calls) of a freshly initialised model; not a test. The per-pixel
 * arg-max is left out: {@code argMax(1)} over NCHW logits alone took longer than the Fast-SCNN
 * forward pass at 360x480 in one profile. Run with the test class path:
 * {@code java -Dai.djl.offline=true -cp ... org.seg4j.model.InferenceBenchmark [architecture]
 * [base width] [height] [width] [classes] [calls] [key=value options...]}. Prints the median, the
 * fastest and slowest call, images per second at the median, the process CPU time per call and
 * the system load average (wall time is only meaningful when the load is known).
 */
public final class InferenceBenchmark {

    private InferenceBenchmark() {}

    public static void main(String[] args) {
        String arch = args.length > 0 ? args[0] : "fastscnn";
        int baseWidth = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        int h = args.length > 2 ? Integer.parseInt(args[2]) : 360;
        int w = args.length > 3 ? Integer.parseInt(args[3]) : 480;
        int classes = args.length > 4 ? Integer.parseInt(args[4]) : 12;
        int calls = args.length > 5 ? Integer.parseInt(args[5]) : 50;
        Map<String, String> options = new HashMap<>();
        for (int i = 6; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            options.put(kv[0], kv[1]);
        }
        ModelSpec spec = new ModelSpec(arch, "", classes, baseWidth, options);
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        try (NDManager base = NDManager.newBaseManager()) {
            Block model = ModelRegistry.create(spec);
            ModelDirectory.initialize(model, base, h, w);
            ParameterStore ps = new ParameterStore(base, false);
            int warmup = 10;
            double[] ms = new double[calls];
            double[] cpuMs = new double[calls];
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            for (int i = -warmup; i < calls; i++) {
                try (NDManager sub = base.newSubManager()) {
                    NDArray x = sub.randomUniform(0, 1, new Shape(1, 3, h, w));
                    long t0 = System.nanoTime();
                    long c0 = os.getProcessCpuTime();
                    // PyTorch runs eagerly: the logits are computed when forward returns.
                    NDArray logits = model.forward(ps, new NDList(x), false).head();
                    if (i >= 0) {
                        ms[i] = (System.nanoTime() - t0) / 1e6;
                        cpuMs[i] = (os.getProcessCpuTime() - c0) / 1e6;
                    }
                }
            }
            double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            Arrays.sort(ms);
            Arrays.sort(cpuMs);
            double median = ms[calls / 2];
            System.out.printf("%s %s, 1x3x%dx%d, %d classes: %.3f GFLOPs/image, %d parameters; inference median %.1f ms"
                            + " (%.1f images/s), min %.1f ms, max %.1f ms over %d calls; process CPU time per call"
                            + " median %.1f ms; load average %.2f before, %.2f after%n",
                    arch, options, h, w, classes, ModelStats.gflops(spec, h, w), ModelStats.parameterCount(model), median,
                    1000 / median, ms[0], ms[calls - 1], calls, cpuMs[calls / 2], loadBefore, loadAfter);
        }
    }
}
