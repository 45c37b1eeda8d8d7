package org.seg4j.model;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Arrays;
import java.util.Map;

/**
 * Times training steps (forward + backward + Adam update) of a model; not a test. Run with the
 * test class path: {@code java -Dai.djl.offline=true -cp ... org.seg4j.model.StepBenchmark
 * [architecture] [width] [batch] [height] [width] [classes] [steps]}. Wall time is only meaningful
 * on an otherwise idle machine; process CPU time per step is reported as well.
 */
public final class StepBenchmark {

    private StepBenchmark() {}

    public static void main(String[] args) {
        String arch = args.length > 0 ? args[0] : "unet";
        int baseWidth = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int h = args.length > 3 ? Integer.parseInt(args[3]) : 96;
        int w = args.length > 4 ? Integer.parseInt(args[4]) : 128;
        int classes = args.length > 5 ? Integer.parseInt(args[5]) : 12;
        int steps = args.length > 6 ? Integer.parseInt(args[6]) : 10;
        ModelSpec spec = new ModelSpec(arch, "", classes, baseWidth, Map.of());
        try (NDManager base = NDManager.newBaseManager()) {
            Block model = ModelRegistry.create(spec);
            ModelDirectory.initialize(model, base, h, w);
            SyntheticBatch batch = new SyntheticBatch(base, n, h, w, 1);
            ParameterStore ps = new ParameterStore(base, false);
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build();
            double[] ms = new double[steps];
            double[] cpuMs = new double[steps];
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            for (int i = -3; i < steps; i++) {
                try (NDManager sub = base.newSubManager()) {
                    long t0 = System.nanoTime();
                    long c0 = os.getProcessCpuTime();
                    Training.step(model, ps, adam, sub, batch.images, batch.labels, classes);
                    if (i >= 0) {
                        ms[i] = (System.nanoTime() - t0) / 1e6;
                        cpuMs[i] = (os.getProcessCpuTime() - c0) / 1e6;
                    }
                }
            }
            Arrays.sort(ms);
            Arrays.sort(cpuMs);
            System.out.printf("%s width %d, batch %dx3x%dx%d, %d classes: %.2f GFLOPs/image forward, %d parameters;"
                            + " step median %.0f ms, min %.0f ms, max %.0f ms; process CPU time per step median %.0f ms%n",
                    arch, baseWidth, n, h, w, classes, ModelStats.gflops(spec, h, w), ModelStats.parameterCount(model),
                    ms[steps / 2], ms[0], ms[steps - 1], cpuMs[steps / 2]);
        }
    }
}
