package org.seg4j.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seg4j.SegmentationResult;
import org.seg4j.infer.Images;
import org.seg4j.infer.instance.DetectionOverlay;
import org.seg4j.infer.output.Renderings;

/**
 * Encodes a segmentation as the response the request asked for (JSON summary or a PNG); the
 * instance and panoptic formats are {@link InstanceResponses}'.
 */
final class Responses {

    /** A response body and its content type. */
    record Body(String contentType, byte[] bytes) {}

    private Responses() {}

    /**
     * The body for {@code request}.
     *
     * @param model model name, for the JSON summary
     * @param totalMs time from the request's arrival to the end of inference
     * @param decodeMs time spent reading and decoding the upload
     */
    static Body render(OutputRequest request, String model, ServedResult served, double totalMs,
            double decodeMs) {
        if (served.task() == ModelTask.INSTANCE && request.format() == OutputRequest.Format.OVERLAY) {
            // a detector's only overlay: its instances with boxes and labels
            return png(Images.encodePng(DetectionOverlay.render(served.image(), served.detections(),
                    served.classes(), request.alpha())));
        }
        SegmentationResult result = served.semantic();
        return switch (request.format()) {
            case JSON -> new Body("application/json", JsonBodies.bytes(summary(model, result, totalMs, decodeMs)));
            case MASK -> png(Images.encodePng(result.indexMask()));
            case COLOR -> png(Images.encodePng(result.colorMask()));
            case OVERLAY -> png(Images.encodePng(result.overlay(request.alpha())));
            case CUTOUT -> png(Images.encodePng(result.hasProbabilities()
                    ? Renderings.softCutout(result.image(), result.probabilities(), request.foreground())
                    : Renderings.cutout(result.image(), result.mask(), request.foreground())));
            case INSTANCES -> json(InstanceResponses.instances(model, served, request, totalMs, decodeMs));
            case INSTANCE_IDS -> png(InstanceResponses.instanceIds(served));
            case INSTANCE_OVERLAY -> png(InstanceResponses.overlay(served, request.alpha()));
            case PANOPTIC -> json(InstanceResponses.panoptic(model, served, totalMs, decodeMs));
        };
    }

    /** The JSON summary: image size, per-class pixels and share, timings. */
    static Map<String, Object> summary(String model, SegmentationResult result, double totalMs, double decodeMs) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", model);
        out.put("width", result.mask().width());
        out.put("height", result.mask().height());
        out.put("time_ms", round(totalMs));
        out.put("decode_ms", round(decodeMs));
        List<Map<String, Object>> classes = new ArrayList<>();
        int[] palette = result.classes().palette();
        for (SegmentationResult.ClassShare s : result.classShares()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("id", s.id());
            one.put("name", s.name());
            one.put("color", hex(palette[s.id()]));
            one.put("pixels", s.pixels());
            one.put("share", s.share());
            classes.add(one);
        }
        out.put("classes", classes);
        return out;
    }

    /** {@code #rrggbb}. */
    static String hex(int rgb) {
        return String.format(Locale.ROOT, "#%06x", rgb & 0xFFFFFF);
    }

    static double round(double ms) {
        return Math.round(ms * 100) / 100.0;
    }

    private static Body png(byte[] bytes) {
        return new Body("image/png", bytes);
    }

    private static Body json(Object body) {
        return new Body("application/json", JsonBodies.bytes(body));
    }
}
