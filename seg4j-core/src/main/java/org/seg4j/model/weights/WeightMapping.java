package org.seg4j.model.weights;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.seg4j.Seg4jException;

/**
 * A mapping table: which PyTorch array fills which seg4j parameter. Targets are seg4j parameter
 * names as DJL builds them from block paths ({@code 01encoder_02stage1_02Residual_01main_01ConvBn_01conv_weight});
 * sources are state-dict keys ({@code layer1.0.conv1.weight}). The table also names source arrays
 * that are known to have no seg4j counterpart (batch norm's {@code num_batches_tracked}, an
 * ImageNet classifier), with the reason, so that a report can tell them from surprises.
 *
 * <p>Tables are built with the helpers of {@link Builder} for the units seg4j is made of and
 * composed with {@link #prefixed} and {@link #plus}. Instances are immutable.
 */
public final class WeightMapping {

    /** How a source array becomes the target's value. */
    public enum Transform {
        /** Same shape, copied as is. */
        COPY,
        /** Same number of elements, reshaped to the target (a linear layer into a 1x1 convolution). */
        RESHAPE
    }

    /**
     * One row of the table.
     *
     * @param target seg4j parameter name
     * @param source state-dict key
     * @param transform how the value is carried over
     */
    public record Entry(String target, String source, Transform transform) {}

    /**
     * Source arrays that are expected to stay unused.
     *
     * @param suffix matches every source key equal to it or ending with {@code "." + suffix}
     * @param reason why seg4j has no counterpart, for the report
     */
    public record Ignored(String suffix, String reason) {
        boolean matches(String key) {
            return key.equals(suffix) || key.endsWith("." + suffix);
        }
    }

    /**
     * An optional source array subtracted from a target after the rows are copied: a convolution's
     * bias folded into the running mean of the batch norm that follows it (torchvision's vgg16_bn
     * has such biases, seg4j's convolutions before a batch norm have none). Exact in inference
     * ({@code BN(conv + b)} with mean {@code m} equals {@code BN(conv)} with mean {@code m - b}) and
     * in training (batch statistics cancel a constant), so nothing is lost. Absent sources are fine.
     *
     * @param target seg4j parameter (a running mean) the source is subtracted from
     * @param source state-dict key of the bias
     */
    public record Fold(String target, String source) {}

    private static final String BN_COUNTER = "num_batches_tracked";

    private final List<Entry> entries;
    private final List<Ignored> ignored;
    private final List<Fold> folds;

    private WeightMapping(List<Entry> entries, List<Ignored> ignored, List<Fold> folds) {
        this.entries = List.copyOf(entries);
        this.ignored = List.copyOf(ignored);
        this.folds = List.copyOf(folds);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The rows, in table order. */
    public List<Entry> entries() {
        return entries;
    }

    /** The optional folds applied after the rows, in table order. */
    public List<Fold> folds() {
        return folds;
    }

    /** The expected-unused source patterns. */
    public List<Ignored> ignored() {
        return ignored;
    }

    /** Why {@code sourceKey} is expected to stay unused, if it is. */
    public Optional<String> ignoreReason(String sourceKey) {
        return ignored.stream().filter(i -> i.matches(sourceKey)).map(Ignored::reason).findFirst();
    }

    /** The first row's source key: the array used to recognise the file's key prefix. */
    public String anchor() {
        if (entries.isEmpty()) {
            throw new IllegalStateException("empty mapping table");
        }
        return entries.get(0).source();
    }

    /**
     * This table with {@code targetPrefix} before every target and {@code sourcePrefix} before
     * every source (e.g. an encoder's table placed as {@code 01encoder_} / {@code backbone.}).
     */
    public WeightMapping prefixed(String targetPrefix, String sourcePrefix) {
        List<Entry> out = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            out.add(new Entry(targetPrefix + e.target(), sourcePrefix + e.source(), e.transform()));
        }
        List<Fold> f = new ArrayList<>(folds.size());
        for (Fold e : folds) {
            f.add(new Fold(targetPrefix + e.target(), sourcePrefix + e.source()));
        }
        return new WeightMapping(out, ignored, f);
    }

    /** This table's rows followed by {@code other}'s; ignored patterns of both. */
    public WeightMapping plus(WeightMapping other) {
        List<Entry> rows = new ArrayList<>(entries);
        rows.addAll(other.entries);
        List<Ignored> ign = new ArrayList<>(ignored);
        ign.addAll(other.ignored);
        List<Fold> f = new ArrayList<>(folds);
        f.addAll(other.folds);
        return new WeightMapping(rows, ign, f);
    }

    /** Builder with helpers for seg4j's building blocks. */
    public static final class Builder {
        private final List<Entry> entries = new ArrayList<>();
        private final List<Ignored> ignored = new ArrayList<>();
        private final List<Fold> folds = new ArrayList<>();

        private Builder() {}

        /** One row. */
        public Builder add(String target, String source, Transform transform) {
            entries.add(new Entry(target, source, transform));
            return this;
        }

        /** A convolution without bias: {@code target_weight <- source.weight}. */
        public Builder conv(String target, String source) {
            return add(target + "_weight", source + ".weight", Transform.COPY);
        }

        /** A convolution with bias. */
        public Builder convWithBias(String target, String source) {
            conv(target, source);
            return add(target + "_bias", source + ".bias", Transform.COPY);
        }

        /**
         * A batch norm: gamma, beta and running statistics from weight, bias, running_mean/var;
         * PyTorch's step counter {@code num_batches_tracked} is expected to stay unused.
         */
        public Builder batchNorm(String target, String source) {
            if (ignored.stream().noneMatch(i -> i.suffix().equals(BN_COUNTER))) {
                ignore(BN_COUNTER, "PyTorch's batch-norm step counter, which seg4j does not keep");
            }
            add(target + "_gamma", source + ".weight", Transform.COPY);
            add(target + "_beta", source + ".bias", Transform.COPY);
            add(target + "_runningMean", source + ".running_mean", Transform.COPY);
            return add(target + "_runningVar", source + ".running_var", Transform.COPY);
        }

        /** A linear layer with bias (DJL's {@code weight}, {@code bias}; same layout as PyTorch's). */
        public Builder linear(String target, String source) {
            return convWithBias(target, source);
        }

        /** A layer norm: gamma and beta from PyTorch's {@code weight} and {@code bias}. */
        public Builder layerNorm(String target, String source) {
            add(target + "_gamma", source + ".weight", Transform.COPY);
            return add(target + "_beta", source + ".bias", Transform.COPY);
        }

        /** A {@code ConvBn} unit (children {@code conv} and {@code bn}). */
        public Builder convBn(String target, String sourceConv, String sourceBn) {
            conv(target + "_01conv", sourceConv);
            return batchNorm(target + "_02bn", sourceBn);
        }

        /** A DJL sequence of conv + batch norm (+ activation), as {@code Layers.convBnRelu} builds it. */
        public Builder sequentialConvBn(String target, String sourceConv, String sourceBn) {
            conv(target + "_01Conv2d", sourceConv);
            return batchNorm(target + "_02BatchNorm", sourceBn);
        }

        /**
         * A conv + BN unit whose PyTorch convolution may have a bias (torchvision's vgg16_bn): the
         * rows of {@link #sequentialConvBn} and a {@link Fold} of {@code sourceConv.bias} into the
         * running mean.
         */
        public Builder sequentialConvBnFoldingBias(String target, String sourceConv, String sourceBn) {
            sequentialConvBn(target, sourceConv, sourceBn);
            folds.add(new Fold(target + "_02BatchNorm_runningMean", sourceConv + ".bias"));
            return this;
        }

        /** Source keys ending with {@code suffix} are expected to stay unused, for {@code reason}. */
        public Builder ignore(String suffix, String reason) {
            ignored.add(new Ignored(suffix, reason));
            return this;
        }

        /** Validates (no target twice) and builds. */
        public WeightMapping build() {
            Set<String> seen = new HashSet<>();
            for (Entry e : entries) {
                if (!seen.add(e.target())) {
                    throw new Seg4jException("mapping table names seg4j parameter " + e.target() + " twice");
                }
            }
            for (Fold f : folds) {
                if (!seen.contains(f.target())) {
                    throw new Seg4jException("mapping table folds " + f.source() + " into " + f.target()
                            + ", which no row fills");
                }
            }
            return new WeightMapping(entries, ignored, folds);
        }
    }
}
