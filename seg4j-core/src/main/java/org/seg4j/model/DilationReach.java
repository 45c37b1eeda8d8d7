package org.seg4j.model;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.BlockList;
import ai.djl.nn.convolutional.Convolution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.seg4j.model.decoder.deeplab.DeepLabV3;

/**
 * Dilated convolutions whose off-centre taps never reach inside their input at the size a network
 * was initialised for.
 *
 * <p>A 3x3 convolution dilated by {@code d} reads, for each output position, the input {@code d}
 * rows above and below it. When the input is at most {@code d} rows high, those reads land in the
 * zero padding at every position: the taps get no gradient while training at that size, keep
 * their random initial values, and only act on a larger input (a full frame where the network
 * trained on crops, a test-time scale above 1, a larger tile), where they add untrained noise.
 * DeepLab's ASPP rates 6, 12, 18 at output stride 16 assume 513-pixel crops (a 33x33 feature map);
 * on a 176x240 crop the map is 11x15, so the rate-12 and rate-18 branches train as 1x1
 * convolutions and go wrong on the full frame. The DeepLabV3 paper (Chen et al., 2017, section
 * 3.3) describes the same degeneration for rates close to the feature size.
 *
 * <p>The check reads the input shapes the block's convolutions were initialised with ({@link
 * ModelDirectory#initialize}), so it costs no forward pass. Only dilated convolutions are reported:
 * their dilation is a setting (such as the model option {@code atrous_rates}) that can be lowered.
 */
public final class DilationReach {

    private DilationReach() {}

    /**
     * A dilated convolution with taps that never read its input.
     *
     * @param block the convolution's path in the network, such as {@code decoder.aspp.rate12}
     * @param dilation its dilation (height, width)
     * @param inputHeight the input height it was initialised with
     * @param inputWidth the input width it was initialised with
     * @param untrainedTaps kernel taps that read only padding at every output position
     * @param taps all kernel taps (kernel height x width)
     */
    public record Finding(String block, Shape dilation, long inputHeight, long inputWidth, int untrainedTaps,
            int taps) {

        /** The finding in words, such as {@code decoder.aspp.rate12 (dilation 12 on 11x15: 6 of 9 taps)}. */
        public String describe() {
            String d = dilation.get(0) == dilation.get(1) ? Long.toString(dilation.get(0))
                    : dilation.get(0) + "x" + dilation.get(1);
            return String.format(Locale.ROOT, "%s (dilation %s on %dx%d: %d of %d taps)", block, d, inputHeight,
                    inputWidth, untrainedTaps, taps);
        }
    }

    /**
     * The dilated convolutions of an initialised block with at least one tap that reads only padding
     * at every output position, in the block's order. An uninitialised convolution is skipped.
     */
    public static List<Finding> unreachedTaps(Block block) {
        List<Finding> findings = new ArrayList<>();
        walk(block, "", findings);
        return findings;
    }

    /**
     * A warning for training an initialised block at the input size it was initialised with (its
     * training crop), or {@code null} when every tap of its dilated convolutions reads its input.
     */
    public static String warning(Block block) {
        List<Finding> findings = unreachedTaps(block);
        if (findings.isEmpty()) {
            return null;
        }
        Shape input = block.getInputShapes()[0];
        long height = input.get(input.dimension() - 2);
        long width = input.get(input.dimension() - 1);
        long size = findings.stream().mapToLong(f -> Math.min(f.inputHeight(), f.inputWidth())).min().orElseThrow();
        return String.format(Locale.ROOT, "at %dx%d inputs, taps of %s read only padding: %s. Those weights keep "
                + "their random initial values and act only on larger inputs (full-frame evaluation, test-time "
                + "scales above 1, larger tiles), where they add noise. Keep dilations below %d (model options "
                + "atrous_rates and output_stride; DeepLab's rates 6,12,18 scaled to this size are %s) or train on "
                + "larger crops",
                height, width,
                findings.size() == 1 ? "a dilated convolution" : findings.size() + " dilated convolutions",
                findings.stream().map(Finding::describe).collect(Collectors.joining(", ")), size,
                Arrays.stream(DeepLabV3.ratesForMapSize(size)).mapToObj(Integer::toString)
                        .collect(Collectors.joining(",")));
    }

    private static void walk(Block block, String path, List<Finding> findings) {
        if (block instanceof Convolution conv && conv.isInitialized()) {
            Finding f = check(conv, path);
            if (f != null) {
                findings.add(f);
            }
        }
        BlockList children = block.getChildren();
        Map<String, Long> counts = children.keys().stream()
                .collect(Collectors.groupingBy(DilationReach::stripIndex, Collectors.counting()));
        for (int i = 0; i < children.size(); i++) {
            String name = stripIndex(children.get(i).getKey());
            // DJL prefixes child names with their position; keep it only where siblings share a name
            name = counts.get(name) > 1 ? name + "#" + (i + 1) : name;
            walk(children.get(i).getValue(), path.isEmpty() ? name : path + "." + name, findings);
        }
    }

    private static String stripIndex(String childName) {
        return childName.replaceFirst("^\\d+", "");
    }

    private static Finding check(Convolution conv, String path) {
        Shape dilation = conv.getDilation();
        Shape in = conv.getInputShapes()[0];
        if (dilation.dimension() != 2 || in.dimension() != 4 || (dilation.get(0) <= 1 && dilation.get(1) <= 1)) {
            return null;
        }
        Shape kernel = conv.getKernelShape();
        boolean[] rows = reached(kernel.get(0), conv.getStride().get(0), conv.getPadding().get(0), dilation.get(0),
                in.get(2));
        boolean[] cols = reached(kernel.get(1), conv.getStride().get(1), conv.getPadding().get(1), dilation.get(1),
                in.get(3));
        int untrained = 0;
        for (boolean r : rows) {
            for (boolean c : cols) {
                untrained += r && c ? 0 : 1;
            }
        }
        return untrained == 0 ? null
                : new Finding(path.isEmpty() ? conv.getClass().getSimpleName() : path, dilation, in.get(2),
                        in.get(3), untrained, rows.length * cols.length);
    }

    /**
     * For each kernel tap along one axis, whether some output position reads an input element with
     * it (output {@code i} reads {@code i * stride - padding + tap * dilation}).
     */
    static boolean[] reached(long kernel, long stride, long padding, long dilation, long size) {
        long outputs = (size + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1;
        boolean[] reached = new boolean[(int) kernel];
        for (int tap = 0; tap < kernel; tap++) {
            long offset = tap * dilation - padding;
            // some i in [0, outputs) with 0 <= i * stride + offset < size
            long first = offset >= 0 ? 0 : (-offset + stride - 1) / stride;
            reached[tap] = first < outputs && first * stride + offset < size;
        }
        return reached;
    }
}
