package org.seg4j.spark.data;

import java.io.Serializable;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.ClassStatistics;

/**
 * The counters behind {@link ClassStatistics} in a form that travels between executors and the
 * driver and adds up.
 *
 * @param pixels pixels per class
 * @param presentTotals per class, the pixels of the images containing it
 * @param imageCounts images containing each class
 * @param images masks counted
 * @param total pixels counted, void included
 * @param voids void pixels
 */
public record ClassCounts(long[] pixels, long[] presentTotals, int[] imageCounts, int images, long total, long voids)
        implements Serializable {

    /** The counters of {@code stats}. */
    public static ClassCounts of(ClassStatistics stats) {
        return new ClassCounts(stats.pixelCounts(), stats.presentPixelTotals(), stats.imageCounts(), stats.images(),
                stats.totalPixels(), stats.voidPixels());
    }

    /** The sum of two parts. */
    public ClassCounts plus(ClassCounts o) {
        long[] p = pixels.clone();
        long[] t = presentTotals.clone();
        int[] c = imageCounts.clone();
        for (int k = 0; k < p.length; k++) {
            p[k] += o.pixels[k];
            t[k] += o.presentTotals[k];
            c[k] += o.imageCounts[k];
        }
        return new ClassCounts(p, t, c, images + o.images, total + o.total, voids + o.voids);
    }

    /** The statistics of these counts. */
    public ClassStatistics toStatistics(ClassMeta classes) {
        return ClassStatistics.ofCounts(classes, pixels, presentTotals, imageCounts, images, total, voids);
    }
}
