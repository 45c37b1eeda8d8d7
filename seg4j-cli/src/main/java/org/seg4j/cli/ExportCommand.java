package org.seg4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import org.seg4j.Seg4jException;
import org.seg4j.infer.NetworkForward;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.model.SegmentationModel;
import org.seg4j.model.weights.WeightExport;
import org.seg4j.onnx.OnnxForward;
import org.seg4j.onnx.OnnxNetworkExporter;
import org.seg4j.util.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seg4j export}: a seg4j model as an ONNX file, checked against seg4j with ONNX Runtime,
 * and/or its weights as a PyTorch state dict in safetensors ({@link WeightExport}).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a seg4j model to ONNX (batch norm folded, dynamic batch, height and width; input "
                + "'input' [N,3,H,W] normalised as in model.json, output 'logits' [N,classes,H,W]); the file is "
                + "then run by ONNX Runtime on a random input and compared with seg4j. Or export its weights as a "
                + "PyTorch state dict (safetensors) under the names seg4j import reads: the PyTorch twins' "
                + "(bench/parity/twins.py) for whole unet/deeplabv3plus models, torchvision's with --encoder-only.")
final class ExportCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "Model directory (a seg4j network).")
    Path model;

    @Option(names = "--onnx", description = "ONNX file to write (every built-in architecture; a custom block without an "
            + "ONNX export is refused by name).")
    Path onnx;

    @Option(names = "--safetensors", description = "State dict (safetensors) to write.")
    Path safetensors;

    @Option(names = "--encoder-only", description = "With --safetensors: the encoder alone, under torchvision's "
            + "names (e.g. a ResNet without fc).")
    boolean encoderOnly;

    @Option(names = "--prefix", defaultValue = "", description = "With --safetensors: a prefix before every key, "
            + "e.g. backbone. (default none).")
    String prefix;

    @Override
    public Integer call() {
        if (onnx == null && safetensors == null) {
            throw new Seg4jException("export needs --onnx FILE and/or --safetensors FILE");
        }
        try (ModelDirectory.LoadedModel loaded = ModelDirectory.load(model)) {
            if (!(loaded.block() instanceof SegmentationModel network)) {
                throw new Seg4jException(model + ": only seg4j segmentation models can be exported");
            }
            if (safetensors != null) {
                WeightExport.Result r = WeightExport.builder()
                        .setModel(network, loaded.manifest().model())
                        .optEncoderOnly(encoderOnly)
                        .optPrefix(prefix)
                        .build()
                        .writeTo(safetensors);
                System.out.printf(Locale.ROOT, "seg4j: wrote %s: %d arrays, %d values%s%n", safetensors, r.arrays(),
                        r.values(), r.leftOut() > 0 ? " (" + r.leftOut() + " decoder/head parameters left out)" : "");
            }
            if (onnx != null) {
                exportOnnx(loaded, network);
            }
            return 0;
        }
    }

    private void exportOnnx(ModelDirectory.LoadedModel loaded, SegmentationModel network) {
        byte[] bytes = OnnxNetworkExporter.export(model, loaded);
        AtomicFiles.write(onnx, out -> out.write(bytes));
        ModelManifest.Preprocessing pre = loaded.manifest().preprocessing();
        int classes = loaded.manifest().classes().numClasses();
        float[] x = new float[3 * pre.height() * pre.width()];
        Random random = new Random(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        float[] expected;
        try (NetworkForward seg4j = new NetworkForward(network, classes, loaded.manager())) {
            expected = seg4j.run(x, 1, pre.height(), pre.width(), false);
        }
        float[] actual;
        try (OnnxForward ort = OnnxForward.open(onnx, classes, 0)) {
            actual = ort.run(x, 1, pre.height(), pre.width(), false);
        }
        double maxDiff = 0;
        int same = 0;
        int pixels = pre.height() * pre.width();
        for (int i = 0; i < actual.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
        }
        for (int p = 0; p < pixels; p++) {
            same += argmax(actual, p, classes, pixels) == argmax(expected, p, classes, pixels) ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "seg4j: wrote %s (%.1f MB); ONNX Runtime vs seg4j on a random %dx%d input: "
                + "max |logit difference| %.2g, class map agreement %.3f%%%n", onnx, bytes.length / 1e6,
                pre.height(), pre.width(), maxDiff, 100.0 * same / pixels);
        if (pre.normalization().perImage()) {
            System.out.println("seg4j: the model reads each image standardised by its own per-channel mean and "
                    + "standard deviation (input_normalization per-image); seg4j import --onnx needs "
                    + "--per-image-normalization");
        }
    }

    private static int argmax(float[] scores, int pixel, int classes, int pixels) {
        int best = 0;
        for (int c = 1; c < classes; c++) {
            if (scores[c * pixels + pixel] > scores[best * pixels + pixel]) {
                best = c;
            }
        }
        return best;
    }
}
