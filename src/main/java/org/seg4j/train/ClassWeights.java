package org.seg4j.train;

import java.util.Arrays;
import org.seg4j.Seg4jException;
import org.seg4j.data.LabelMask;
import org.seg4j.data.Sample;
import org.seg4j.data.SampleSource;

/** Class weights for the loss, computed from pixel counts of the training masks. */
public final class ClassWeights {

    private ClassWeights() {}

    /**
     * Median-frequency balancing (Eigen and Fergus): {@code w_c = median(f) / f_c} with
     * {@code f_c = pixels of c / pixels of the images where c is present}. Classes that never
     * occur get weight 0.
     *
     * @param classPixels pixels of each class over the training set
     * @param imagePixelsWherePresent total pixels of the images that contain each class; pass
     *     {@code null} to use the plain frequency {@code pixels of c / all pixels}
     */
    public static float[] medianFrequency(long[] classPixels, long[] imagePixelsWherePresent) {
        int n = classPixels.length;
        if (imagePixelsWherePresent != null && imagePixelsWherePresent.length != n) {
            throw new IllegalArgumentException("count arrays differ in length");
        }
        long total = Arrays.stream(classPixels).sum();
        double[] freq = new double[n];
        int present = 0;
        for (int c = 0; c < n; c++) {
            long den = imagePixelsWherePresent == null ? total : imagePixelsWherePresent[c];
            freq[c] = classPixels[c] > 0 && den > 0 ? (double) classPixels[c] / den : 0;
            if (freq[c] > 0) {
                present++;
            }
        }
        if (present == 0) {
            throw new Seg4jException("cannot compute class weights: no labelled pixels");
        }
        double[] nz = Arrays.stream(freq).filter(f -> f > 0).sorted().toArray();
        double median = nz.length % 2 == 1 ? nz[nz.length / 2] : (nz[nz.length / 2 - 1] + nz[nz.length / 2]) / 2;
        float[] w = new float[n];
        for (int c = 0; c < n; c++) {
            w[c] = freq[c] > 0 ? (float) (median / freq[c]) : 0f;
        }
        return w;
    }

    /** Adds the class pixels of {@code labels} to {@code counts} (void pixels skipped). */
    public static void count(byte[] labels, long[] counts) {
        for (byte b : labels) {
            int y = b & 0xFF;
            if (y < counts.length) {
                counts[y]++;
            }
        }
    }

    /**
     * The class weights a configuration asks for: {@code null} for {@code none}, the explicit
     * weights (checked against the class count), or median-frequency weights counted over the
     * masks of {@code training} (every sample is read once).
     */
    public static float[] resolve(TrainConfig config, SampleSource training, int numClasses) {
        switch (config.classWeighting()) {
            case "none" -> {
                return null;
            }
            case "explicit" -> {
                float[] w = config.classWeights();
                if (w.length != numClasses) {
                    throw new Seg4jException("class_weights has " + w.length + " values but the data set has "
                            + numClasses + " classes");
                }
                return w;
            }
            default -> {
                long[] pixels = new long[numClasses];
                long[] present = new long[numClasses];
                long[] one = new long[numClasses];
                for (int i = 0; i < training.size(); i++) {
                    Sample s = training.load(i);
                    LabelMask mask = s.mask();
                    if (mask == null) {
                        continue;
                    }
                    Arrays.fill(one, 0);
                    count(mask.data(), one);
                    long size = (long) mask.width() * mask.height();
                    for (int c = 0; c < numClasses; c++) {
                        pixels[c] += one[c];
                        if (one[c] > 0) {
                            present[c] += size;
                        }
                    }
                }
                return medianFrequency(pixels, present);
            }
        }
    }
}
