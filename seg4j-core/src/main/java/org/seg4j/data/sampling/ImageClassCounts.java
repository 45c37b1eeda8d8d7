package org.seg4j.data.sampling;

import java.util.stream.IntStream;
import org.seg4j.Seg4jException;
import org.seg4j.data.LabelMask;
import org.seg4j.data.SampleSource;

/**
 * Pixels of each class in each image of a data set, the input of class-aware sampling.
 *
 * @param counts {@code counts[i][c]}: pixels of class {@code c} in image {@code i} (void not counted)
 */
public record ImageClassCounts(long[][] counts) {

    public ImageClassCounts {
        if (counts.length == 0) {
            throw new IllegalArgumentException("no images to count");
        }
    }

    /** Counts the masks of every sample (in parallel); labels outside the class list are an error. */
    public static ImageClassCounts of(SampleSource source) {
        int n = source.classes().numClasses();
        long[][] counts = IntStream.range(0, source.size())
                .parallel()
                .mapToObj(i -> count(mask(source, i), n, source.id(i)))
                .toArray(long[][]::new);
        return new ImageClassCounts(counts);
    }

    /** Counts one mask's labels: class ids {@code 0..numClasses-1}, void ignored. */
    public static long[] count(LabelMask mask, int numClasses, String id) {
        long[] hist = new long[256];
        for (byte b : mask.data()) {
            hist[b & 0xFF]++;
        }
        for (int v = numClasses; v < LabelMask.IGNORE; v++) {
            if (hist[v] > 0) {
                throw new Seg4jException(id + ": mask holds label " + v + ", outside the class list 0.."
                        + (numClasses - 1));
            }
        }
        long[] out = new long[numClasses];
        System.arraycopy(hist, 0, out, 0, numClasses);
        return out;
    }

    private static LabelMask mask(SampleSource source, int i) {
        LabelMask mask = source.loadMask(i);
        if (mask == null) {
            throw new Seg4jException(source.id(i) + ": sample has no mask; class-aware sampling needs masks");
        }
        return mask;
    }

    /** Number of images. */
    public int images() {
        return counts.length;
    }

    /** Number of classes. */
    public int numClasses() {
        return counts[0].length;
    }

    /** Number of images that contain class {@code c}. */
    public int imagesWith(int c) {
        int n = 0;
        for (long[] row : counts) {
            if (row[c] > 0) {
                n++;
            }
        }
        return n;
    }

    /** All pixels of class {@code c}. */
    public long pixels(int c) {
        long n = 0;
        for (long[] row : counts) {
            n += row[c];
        }
        return n;
    }
}
