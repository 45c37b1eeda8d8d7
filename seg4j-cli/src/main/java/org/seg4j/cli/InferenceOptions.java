package org.seg4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.seg4j.Seg4jException;
import org.seg4j.infer.InferenceEngine;
import org.seg4j.infer.PredictorOptions;
import org.seg4j.infer.refine.CrfParams;
import picocli.CommandLine.Option;

/** Options that tune inference, shared by eval and predict. */
final class InferenceOptions {

    @Option(names = "--tile", defaultValue = "0",
            description = "Sliding-window tile size in pixels (0: automatic from the training size).")
    int tile;

    @Option(names = "--overlap", defaultValue = "0.333", description = "Tile overlap fraction (default: ${DEFAULT-VALUE}).")
    double overlap;

    @Option(names = "--flip", description = "Test-time augmentation: average with the horizontally flipped image.")
    boolean flip;

    @Option(names = "--scale", description = "Input scale before the network (default: the model's training scale).")
    Double scale;

    @Option(names = "--scales", split = ",",
            description = "Multi-scale test-time augmentation: factors of the input scale whose probability maps are "
                    + "averaged, e.g. 0.75,1,1.25 (default: 1, a single scale).")
    List<Double> scales;

    @Option(names = "--refine", defaultValue = "none",
            description = "Post-processing of the probabilities: none or crf (fully connected CRF with colour and "
                    + "smoothness kernels, DeepLab v1 style; default: ${DEFAULT-VALUE}).")
    String refine;

    @Option(names = "--engine", defaultValue = "djl",
            description = "What runs a seg4j model's forward passes: djl (PyTorch through DJL, CPU or GPU) or "
                    + "onnxruntime (its ONNX export on the CPU, made once and cached in <model>/cache/; "
                    + "docs/performance.md) (default: ${DEFAULT-VALUE}).")
    String engine = "djl";

    /** The --engine choice. */
    InferenceEngine engine() {
        return InferenceEngine.parse(engine);
    }

    /** Refuses --engine onnxruntime for a model kind that only DJL runs. */
    void requireDjl(Path model, String kind) {
        InferenceEngine e = engine();
        if (e != InferenceEngine.DJL) {
            throw new Seg4jException(model + ": a " + kind + " cannot run on " + e + "; use --engine djl");
        }
    }

    PredictorOptions toOptions() {
        PredictorOptions o = PredictorOptions.defaults().withTileSize(tile).withOverlap(overlap).withFlip(flip)
                .withEngine(engine());
        o = o.withCrf(switch (refine.trim().toLowerCase(Locale.ROOT)) {
            case "none" -> null;
            case "crf" -> CrfParams.defaults();
            default -> throw new Seg4jException("--refine must be none or crf, got '" + refine + "'");
        });
        if (scales != null) {
            try {
                o = o.withScaleFactors(scales);
            } catch (IllegalArgumentException e) {
                throw new Seg4jException("--scales: " + e.getMessage());
            }
        }
        return scale == null ? o : o.withScale(scale);
    }
}
