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
import org.seg4j.onnx.OnnxForward;
import org.seg4j.onnx.export.OnnxExporter;
import org.seg4j.util.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seg4j export}: a seg4j model as an ONNX file, checked against seg4j with ONNX Runtime. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a seg4j model to ONNX (batch norm folded, dynamic batch, height and width; input "
                + "'input' [N,3,H,W] normalised as in model.json, output 'logits' [N,classes,H,W]). The file is "
                + "then run by ONNX Runtime on a random input and compared with seg4j.")
final class ExportCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "Model directory (a seg4j network).")
    Path model;

    @Option(names = "--onnx", required = true, description = "ONNX file to write.")
    Path onnx;

    @Override
    public Integer call() {
        try (ModelDirectory.LoadedModel loaded = ModelDirectory.load(model)) {
            if (!(loaded.block() instanceof SegmentationModel network)) {
                throw new Seg4jException(model + ": only seg4j segmentation models can be exported to ONNX");
            }
            byte[] bytes = OnnxExporter.export(network, loaded.manager());
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
            return 0;
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
