package org.seg4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seg4j.data.Batch;
import org.seg4j.metric.ConfusionMatrix;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.weights.ModelMappings;
import org.seg4j.model.weights.TensorFile;
import org.seg4j.model.weights.WeightImporter;
import org.seg4j.train.optim.Adam;
import org.seg4j.util.Json;

/**
 * Repeats a run of {@code bench/parity/learning_curve.py} in seg4j: the twin's initial weights
 * imported through the whole-model mapping table, the same batches in the same order, the same Adam
 * (seg4j's, which does PyTorch's arithmetic), seg4j's training step and loss. Prints both loss
 * curves side by side and the final eval-mode pixel accuracy and mIoU of each. A tool, not a test:
 * the trajectories of two float32 implementations drift apart over hundreds of steps, so the check
 * is whether they learn alike, which a person reads off the curves.
 *
 * <p>Usage: {@code LearningCurveComparison DIR [--fresh]}; {@code --fresh} starts from seg4j's own
 * initialisation instead of the twin's weights (to compare initialisations, not implementations).
 */
public final class LearningCurveComparison {

    private LearningCurveComparison() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        boolean fresh = Arrays.asList(args).contains("--fresh");
        JsonNode torch = Json.JSON.readTree(dir.resolve("torch.json").toFile());
        ModelSpec spec = Json.JSON.convertValue(torch.get("spec"), ModelSpec.class);
        int steps = torch.get("steps").asInt();
        int batchSize = torch.get("batch").asInt();
        float lr = (float) torch.get("lr").asDouble();
        try (NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> data = TensorFile.read(dir.resolve("data.safetensors"), m);
            NDArray x = data.get("x");
            byte[] y = data.get("y").toByteArray();
            Shape s = x.getShape();
            int n = (int) s.get(0);
            int size = (int) s.get(2);
            float[] images = x.toFloatArray();

            Block block = ModelRegistry.create(spec);
            ModelDirectory.initialize(block, m, size, size);
            if (!fresh) {
                Map<String, NDArray> weights = new LinkedHashMap<>(TensorFile.read(dir.resolve("weights.safetensors"), m));
                WeightImporter.builder().setMapping(ModelMappings.model(spec, block)).build().load(weights, block);
            }
            SegmentationLoss loss = new SegmentationLoss(spec.numClasses());
            List<Float> losses = new ArrayList<>();
            long start = System.nanoTime();
            try (Adam adam = new Adam(m, 0.9f, 0.999f, 1e-8f, 0f, false)) {
                TrainingStep step = new TrainingStep(block, loss, adam, m, spec.numClasses(), 1);
                int perEpoch = n / batchSize;
                int pixels = size * size;
                for (int t = 0; t < steps; t++) {
                    int first = (t % perEpoch) * batchSize;
                    float[] img = Arrays.copyOfRange(images, first * 3 * pixels, (first + batchSize) * 3 * pixels);
                    byte[] lab = Arrays.copyOfRange(y, first * pixels, (first + batchSize) * pixels);
                    losses.add(step.run(new Batch(img, lab, batchSize, size, size, List.of()), lr, t));
                    if ((t + 1) % 10 == 0) {
                        System.err.printf(Locale.ROOT, "step %d: loss %.4f (torch %.4f), %.0f s%n", t + 1,
                                losses.get(t), torch.get("losses").get(t).asDouble(), (System.nanoTime() - start) / 1e9);
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            ConfusionMatrix cm = new ConfusionMatrix(spec.numClasses());
            try (NDManager eval = m.newSubManager()) {
                for (int i = 0; i < n; i += 8) {
                    NDArray xb = eval.create(Arrays.copyOfRange(images, i * 3 * size * size, (i + 8) * 3 * size * size),
                            new Shape(8, 3, size, size));
                    int[] pred = block.forward(new ParameterStore(eval, false), new NDList(xb), false).head()
                            .argMax(1).toType(ai.djl.ndarray.types.DataType.INT32, false).toIntArray();
                    cm.add(pred, Arrays.copyOfRange(y, i * size * size, (i + 8) * size * size), 0, 8 * size * size);
                }
            }
            JsonNode tl = torch.get("losses");
            System.out.println("step  torch     seg4j" + (fresh ? " (seg4j's own initialisation)" : ""));
            for (int t = 0; t < steps; t++) {
                if (t < 5 || (t + 1) % 20 == 0) {
                    System.out.printf(Locale.ROOT, "%4d  %.5f  %.5f%n", t + 1, tl.get(t).asDouble(), losses.get(t));
                }
            }
            System.out.printf(Locale.ROOT, "mean loss of the last 20 steps: torch %.4f, seg4j %.4f%n",
                    mean(tl, steps - 20, steps), losses.subList(steps - 20, steps).stream().mapToDouble(f -> f).average()
                            .orElse(Double.NaN));
            System.out.printf(Locale.ROOT, "eval pixel accuracy: torch %.3f, seg4j %.3f; mIoU: torch %.3f, seg4j %.3f%n",
                    torch.get("pixel_accuracy").asDouble(), cm.metrics().pixelAccuracy(), torch.get("miou").asDouble(),
                    cm.metrics().meanIoU());
            System.out.printf(Locale.ROOT, "training time: torch %.1f s, seg4j %.1f s%n", torch.get("seconds").asDouble(),
                    seconds);
            Files.writeString(dir.resolve("seg4j.txt"), losses.toString());
        }
    }

    private static double mean(JsonNode a, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += a.get(i).asDouble();
        }
        return s / (to - from);
    }
}
