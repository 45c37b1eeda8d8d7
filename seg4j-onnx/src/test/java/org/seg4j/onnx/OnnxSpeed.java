package org.seg4j.onnx;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.seg4j.infer.NetworkForward;
import org.seg4j.infer.SharedBatchNormFold;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModel;
import org.seg4j.onnx.export.OnnxExporter;

/**
 * Measures ONNX Runtime against DJL (PyTorch) on the same exported network: images/s of single
 * 360x480 forward passes, alternating rounds of both so that load on the shared machine hits both
 * alike. Args: architecture (default unet), classes (11), rounds (5), images per round (4). Run by
 * hand (docs/performance.md has the command); not a test.
 */
public final class OnnxSpeed {

    public static void main(String[] args) throws Exception {
        String arch = args.length > 0 ? args[0] : "unet";
        int classes = args.length > 1 ? Integer.parseInt(args[1]) : 11;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int perRound = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        int h = 360;
        int w = 480;
        try (NDManager manager = NDManager.newBaseManager()) {
            SegmentationModel model = (SegmentationModel) ModelRegistry.create(new ModelSpec(arch, "", classes, 0, Map.of()));
            ModelDirectory.initialize(model, manager, h, w);
            Path file = Files.createTempFile("seg4j-speed", ".onnx");
            Files.write(file, OnnxExporter.export(model, manager));
            float[] x = new float[3 * h * w];
            Random random = new Random(1);
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextGaussian();
            }
            int threads = Runtime.getRuntime().availableProcessors();
            try (OnnxForward ort = OnnxForward.open(file, classes, threads);
                    SharedBatchNormFold fold = SharedBatchNormFold.acquire(model);
                    NetworkForward djl = new NetworkForward(model, classes, manager)) {
                ort.run(x, 1, h, w, false);
                djl.run(x, 1, h, w, false);
                double ortSeconds = 0;
                double djlSeconds = 0;
                for (int r = 0; r < rounds; r++) {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < perRound; i++) {
                        djl.run(x, 1, h, w, false);
                    }
                    long t1 = System.nanoTime();
                    for (int i = 0; i < perRound; i++) {
                        ort.run(x, 1, h, w, false);
                    }
                    long t2 = System.nanoTime();
                    djlSeconds += (t1 - t0) / 1e9;
                    ortSeconds += (t2 - t1) / 1e9;
                    System.out.printf(Locale.ROOT, "round %d: DJL %.2f img/s, ONNX Runtime %.2f img/s%n", r,
                            perRound / ((t1 - t0) / 1e9), perRound / ((t2 - t1) / 1e9));
                }
                int n = rounds * perRound;
                System.out.printf(Locale.ROOT, "%s %dx%d, %d classes, %d threads, %d images each: DJL %.2f img/s, "
                        + "ONNX Runtime %.2f img/s, ratio ORT/DJL %.2f%n", arch, h, w, classes, threads, n,
                        n / djlSeconds, n / ortSeconds, djlSeconds / ortSeconds);
            }
            Files.delete(file);
        }
    }
}
