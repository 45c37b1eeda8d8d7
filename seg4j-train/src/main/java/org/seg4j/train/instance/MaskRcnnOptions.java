package org.seg4j.train.instance;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.seg4j.Seg4jException;
import org.seg4j.model.instance.maskrcnn.MaskRcnnConfig;

/**
 * The {@code model_options} of {@code --model mask-rcnn} (and {@code base_width}) mapped onto a
 * {@link MaskRcnnConfig}; anything left out keeps the CPU defaults of {@link MaskRcnnConfig}.
 */
public final class MaskRcnnOptions {

    /** The option names, as in {@code --model-option KEY=VALUE}. */
    public static final List<String> KEYS = List.of("depth", "fpn_channels", "representation", "mask_channels",
            "anchor_sizes", "rpn_pre_nms", "rpn_post_nms", "rpn_batch", "roi_batch", "canonical_scale",
            "detections_per_image");

    private MaskRcnnOptions() {}

    /**
     * The network's settings.
     *
     * @param numThings thing classes (detector labels 1..numThings)
     * @param baseWidth backbone stem width, 0 for the default
     * @param options {@code model_options}; unknown keys or bad values are errors naming them
     */
    public static MaskRcnnConfig config(int numThings, int baseWidth, Map<String, String> options) {
        MaskRcnnConfig.Builder b = MaskRcnnConfig.builder().setNumClasses(numThings);
        if (baseWidth > 0) {
            b.optWidth(baseWidth);
        }
        for (Map.Entry<String, String> e : options.entrySet()) {
            String key = e.getKey();
            String v = e.getValue().trim();
            try {
                switch (key) {
                    case "depth" -> b.optDepth(Integer.parseInt(v));
                    case "fpn_channels" -> b.optFpnChannels(Integer.parseInt(v));
                    case "representation" -> b.optRepresentation(Integer.parseInt(v));
                    case "mask_channels" -> b.optMaskChannels(Integer.parseInt(v));
                    case "anchor_sizes" -> b.optAnchorSizes(Arrays.stream(v.replaceAll("[\\[\\] ]", "").split(","))
                            .mapToInt(Integer::parseInt).toArray());
                    case "rpn_pre_nms" -> {
                        int[] n = pair(key, v);
                        b.optRpnPreNms(n[0], n[1]);
                    }
                    case "rpn_post_nms" -> {
                        int[] n = pair(key, v);
                        b.optRpnPostNms(n[0], n[1]);
                    }
                    case "rpn_batch" -> b.optRpnBatch(Integer.parseInt(v));
                    case "roi_batch" -> b.optRoiBatch(Integer.parseInt(v), 0.25f);
                    case "canonical_scale" -> b.optCanonicalScale(Float.parseFloat(v));
                    case "detections_per_image" -> b.optDetections(0.05f, 0.5f, Integer.parseInt(v));
                    default -> throw new Seg4jException("unknown mask-rcnn option '" + key + "'; valid: "
                            + String.join(", ", KEYS));
                }
            } catch (NumberFormatException ex) {
                throw new Seg4jException("mask-rcnn option " + key + ": not a number list or number: '" + v + "'", ex);
            }
        }
        try {
            return b.build();
        } catch (IllegalArgumentException ex) {
            throw new Seg4jException("mask-rcnn options " + options + ": " + ex.getMessage(), ex);
        }
    }

    /** {@code TRAIN,TEST} proposal counts (one number sets both). */
    private static int[] pair(String key, String v) {
        int[] n = Arrays.stream(v.replaceAll("[\\[\\] ]", "").split(",")).mapToInt(Integer::parseInt).toArray();
        if (n.length == 1) {
            return new int[] {n[0], n[0]};
        }
        if (n.length != 2) {
            throw new Seg4jException("mask-rcnn option " + key + ": give TRAIN,TEST proposal counts, got '" + v + "'");
        }
        return n;
    }
}
