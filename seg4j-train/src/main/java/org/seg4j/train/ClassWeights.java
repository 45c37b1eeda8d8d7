package org.seg4j.train;

import java.util.Locale;
import java.util.StringJoiner;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.ClassStatistics;
import org.seg4j.data.ClassWeighting;
import org.seg4j.data.SampleSource;

/** The class weights of the loss that a {@link TrainConfig} asks for. */
public final class ClassWeights {

    private ClassWeights() {}

    /**
     * The weights for {@code config}: {@code null} for {@code none}, the explicit weights (checked
     * against the class count), or weights computed from the masks of {@code training} by
     * {@link ClassStatistics} (median-frequency or inverse-sqrt balancing).
     */
    public static float[] resolve(TrainConfig config, SampleSource training, int numClasses) {
        return resolve(config, training, numClasses, null);
    }

    /** Like {@link #resolve(TrainConfig, SampleSource, int)}, reusing {@code statistics} of {@code training} if not null. */
    public static float[] resolve(TrainConfig config, SampleSource training, int numClasses,
            ClassStatistics statistics) {
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
                return (statistics != null ? statistics : ClassStatistics.of(training)).weights(ClassWeighting.parse(config.classWeighting()));
            }
        }
    }

    /** The weights as {@code road=0.31, car=2.10, ...} for logs. */
    public static String describe(float[] weights, ClassMeta classes) {
        StringJoiner j = new StringJoiner(", ");
        for (int c = 0; c < weights.length; c++) {
            j.add(String.format(Locale.ROOT, "%s=%.2f", classes.name(c), weights[c]));
        }
        return j.toString();
    }
}
