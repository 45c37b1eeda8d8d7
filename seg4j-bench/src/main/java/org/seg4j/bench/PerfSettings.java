package org.seg4j.bench;

import java.util.ArrayList;
import java.util.List;
import org.seg4j.Seg4jException;

/**
 * What {@code seg4j bench perf} measures, shared by both sides: models, sizes, batch sizes,
 * repetitions and threads.
 *
 * @param models registry names ({@code unet}, {@code deeplabv3plus})
 * @param unetWidth U-Net base width
 * @param numClasses output classes
 * @param threads intra-op threads of both engines
 * @param inferSize inference input height and width
 * @param inferBatches inference batch sizes
 * @param trainSize training input height and width
 * @param trainBatch training batch size
 * @param warmup untimed repetitions before each measurement
 * @param runs timed inference passes per batch size
 * @param trainSteps timed training steps
 */
public record PerfSettings(
        List<String> models,
        int unetWidth,
        int numClasses,
        int threads,
        int inferSize,
        List<Integer> inferBatches,
        int trainSize,
        int trainBatch,
        int warmup,
        int runs,
        int trainSteps) {

    /** The models {@code seg4j bench perf} knows how to build on both sides. */
    public static final List<String> MODELS = List.of("unet", "deeplabv3plus");

    public PerfSettings {
        models = List.copyOf(models);
        inferBatches = List.copyOf(inferBatches);
        for (String m : models) {
            if (!MODELS.contains(m)) {
                throw new Seg4jException("bench perf model '" + m + "' has no PyTorch twin; valid: "
                        + String.join(", ", MODELS));
            }
        }
        if (models.isEmpty() || inferBatches.isEmpty()) {
            throw new Seg4jException("bench perf needs at least one model and one inference batch size");
        }
        for (int b : inferBatches) {
            positive("inference batch size", b);
        }
        positive("unet width", unetWidth);
        positive("classes", numClasses);
        positive("threads", threads);
        positive("inference size", inferSize);
        positive("training size", trainSize);
        positive("training batch", trainBatch);
        positive("runs", runs);
        positive("training steps", trainSteps);
        if (warmup < 0) {
            throw new Seg4jException("bench perf warm-up must not be negative, got " + warmup);
        }
    }

    private static void positive(String what, int v) {
        if (v < 1) {
            throw new Seg4jException("bench perf " + what + " must be at least 1, got " + v);
        }
    }

    /** Parses a comma-separated list of positive integers ({@code option} names it in errors). */
    public static List<Integer> parseInts(String text, String option) {
        List<Integer> out = new ArrayList<>();
        for (String part : text.split(",")) {
            try {
                out.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new Seg4jException(option + " must be a comma-separated list of integers, got '" + text + "'");
            }
        }
        return out;
    }

    /** Options of {@code bench/perf_pytorch.py} (and of the seg4j worker) for {@code model}. */
    public List<String> sideArguments(String model) {
        List<String> a = new ArrayList<>(List.of(
                "--model", model,
                "--width", Integer.toString(unetWidth),
                "--classes", Integer.toString(numClasses),
                "--threads", Integer.toString(threads),
                "--infer-size", Integer.toString(inferSize),
                "--train-size", Integer.toString(trainSize),
                "--train-batch", Integer.toString(trainBatch),
                "--warmup", Integer.toString(warmup),
                "--runs", Integer.toString(runs),
                "--train-steps", Integer.toString(trainSteps)));
        a.add("--infer-batches");
        a.add(String.join(",", inferBatches.stream().map(String::valueOf).toList()));
        return a;
    }
}
