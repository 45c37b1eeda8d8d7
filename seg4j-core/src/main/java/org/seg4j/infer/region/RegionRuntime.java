package org.seg4j.infer.region;

import java.nio.file.Path;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.runtime.ExternalForward;
import org.seg4j.infer.runtime.Logits;
import org.seg4j.infer.runtime.ModelRuntime;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.transform.Normalization;

/**
 * Runs region-based model directories (manifest {@code runtime: regions}, file {@code
 * regions.json}) behind the same {@link org.seg4j.infer.Predictor} as every other model, so {@code
 * seg4j eval}, {@code predict} and {@code serve} need nothing else. The predictor hands over
 * normalised images; the proposals need the RGB pixels, which are recovered with the manifest's
 * mean and std.
 *
 * <p>Scores: {@link RegionLabels} (the best SVM score per class among the regions covering each
 * pixel). Probabilities, where asked for (flip, tiling, CRF, {@code --format probs}), are the
 * softmax of those SVM margins: a monotone map that keeps the argmax, not a calibrated probability.
 */
public final class RegionRuntime implements ModelRuntime {

    /** The runtime name in {@code model.json}. */
    public static final String NAME = "regions";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String extension() {
        return ".json";
    }

    @Override
    public ExternalForward open(Path file, int numClasses) {
        ModelManifest manifest = ModelDirectory.readManifest(file.toAbsolutePath().getParent());
        Normalization norm = manifest.preprocessing().normalization();
        if (norm.perImage()) {
            throw new org.seg4j.Seg4jException(file + ": a region model reads the 8-bit image back from its "
                    + "normalised input, which per-image normalisation does not allow; its manifest must use fixed "
                    + "normalisation statistics");
        }
        RegionSegmenter segmenter = RegionSegmenter.open(file);
        if (segmenter.numClasses() != numClasses) {
            segmenter.close();
            throw new org.seg4j.Seg4jException(file + ": the SVMs score " + segmenter.numClasses()
                    + " classes but the manifest lists " + numClasses);
        }
        return new Forward(file, segmenter, norm);
    }

    private static final class Forward implements ExternalForward {
        private final Path file;
        private final RegionSegmenter segmenter;
        private final Normalization norm;
        private volatile boolean closed;

        Forward(Path file, RegionSegmenter segmenter, Normalization norm) {
            this.file = file;
            this.segmenter = segmenter;
            this.norm = norm;
        }

        @Override
        public int numClasses() {
            return segmenter.numClasses();
        }

        @Override
        public String signature() {
            return "regions: selective search + encoder features + " + segmenter.numClasses() + " linear SVMs";
        }

        @Override
        public float[] run(float[] input, int n, int h, int w, boolean probabilities) {
            if (closed) {
                throw new IllegalStateException(file + ": region model is closed");
            }
            int k = segmenter.numClasses();
            int plane = h * w;
            float[] out = new float[n * k * plane];
            for (int b = 0; b < n; b++) {
                float[] chw = java.util.Arrays.copyOfRange(input, b * 3 * plane, (b + 1) * 3 * plane);
                float[] scores = segmenter.pixelScores(rgb(chw, h, w), chw);
                System.arraycopy(scores, 0, out, b * k * plane, k * plane);
            }
            return Logits.toScores(file.toString(), out, new long[] {n, k, h, w}, n, k, h, w, probabilities);
        }

        /** The 8-bit image behind a normalised CHW image. */
        private RgbImage rgb(float[] chw, int h, int w) {
            int plane = h * w;
            byte[] data = new byte[plane * 3];
            for (int c = 0; c < 3; c++) {
                float mean = norm.mean()[c];
                float std = norm.std()[c];
                for (int p = 0; p < plane; p++) {
                    long v = Math.round((chw[c * plane + p] * std + mean) * 255.0);
                    data[p * 3 + c] = (byte) Math.max(0, Math.min(255, v));
                }
            }
            return new RgbImage(w, h, data);
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                segmenter.close();
            }
        }
    }
}
