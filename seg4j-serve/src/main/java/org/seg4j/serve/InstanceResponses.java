package org.seg4j.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seg4j.data.BufferedImages;
import org.seg4j.data.instance.CocoPanopticWriter;
import org.seg4j.data.instance.InstancePng;
import org.seg4j.infer.Images;
import org.seg4j.infer.instance.CocoDetectionResults;
import org.seg4j.infer.instance.DetectedInstance;
import org.seg4j.infer.instance.DetectionOverlay;
import org.seg4j.infer.instance.DetectionWriter;
import org.seg4j.infer.instance.InstanceOverlay;

/**
 * The instance and panoptic answers, encoded in memory by the same pieces {@code seg4j predict}
 * writes its files with: {@link CocoDetectionResults} ({@code coco_results.json}), {@link
 * InstancePng} ({@code <stem>_instances.png}), {@link InstanceOverlay} and {@link DetectionOverlay}
 * ({@code <stem>_instances_overlay.png}) and {@link CocoPanopticWriter} ({@code panoptic/<stem>.png}
 * and its {@code segments_info}).
 */
final class InstanceResponses {

    /** The {@code image_id} of the one image in an answer. */
    static final long IMAGE_ID = 1;

    private InstanceResponses() {}

    /**
     * {@code format=instances}: image size, timings, the COCO {@code categories} and, best first,
     * each instance as a COCO result ({@code image_id}, {@code category_id} = class id + 1, {@code
     * segmentation} as RLE or polygons, {@code score}, {@code bbox} [x, y, w, h]) with its number
     * (its value in {@code instance_ids}), class name, overlay colour and area.
     */
    static Map<String, Object> instances(String model, ServedResult served, OutputRequest request, double totalMs,
            double decodeMs) {
        int w = served.image().width();
        int h = served.image().height();
        List<DetectedInstance> detections = served.detections();
        ArrayNode results = CocoDetectionResults.newResults();
        CocoDetectionResults.add(results, IMAGE_ID, detections, w, h, request.masks(), request.tolerance());
        for (int k = 0; k < detections.size(); k++) {
            DetectedInstance d = detections.get(k);
            ObjectNode n = (ObjectNode) results.get(k);
            n.put("instance", k + 1);
            n.put("class_id", d.classId());
            n.put("class", served.classes().name(d.classId()));
            n.put("color", Responses.hex(InstanceOverlay.colour(k + 1)));
            n.put("area", d.area());
        }
        Map<String, Object> out = header(model, served, totalMs, decodeMs);
        out.put("mask_encoding", request.masks().name().toLowerCase(Locale.ROOT));
        out.put("categories", CocoPanopticWriter.categories(served.classes()));
        out.put("instances", results);
        return out;
    }

    /** {@code format=panoptic}: {@code segments_info}, categories and the COCO panoptic PNG in base64. */
    static Map<String, Object> panoptic(String model, ServedResult served, double totalMs, double decodeMs) {
        ObjectNode annotation = CocoPanopticWriter.annotation(IMAGE_ID, "panoptic.png",
                served.segmentation().panoptic(), served.classes());
        Map<String, Object> out = header(model, served, totalMs, decodeMs);
        out.put("image_id", IMAGE_ID);
        out.put("segments_info", annotation.get("segments_info"));
        out.put("categories", CocoPanopticWriter.categories(served.classes()));
        byte[] png = Images.encodePng(BufferedImages.toBufferedImage(
                CocoPanopticWriter.png(served.segmentation().panoptic())));
        out.put("png", Base64.getEncoder().encodeToString(png));
        return out;
    }

    /** {@code format=instance_ids}: the 16-bit instance PNG. */
    static byte[] instanceIds(ServedResult served) {
        return Images.encodePng(InstancePng.idImage(ids(served), served.image().width(), served.image().height()));
    }

    /**
     * {@code format=instance_overlay}: a panoptic model's instances in colour, a detector's with
     * their boxes and labels too, as {@code predict} draws them.
     */
    static byte[] overlay(ServedResult served, double alpha) {
        BufferedImage img = served.task() == ModelTask.PANOPTIC
                ? InstanceOverlay.render(served.image(), ids(served), alpha)
                : DetectionOverlay.render(served.image(), served.detections(), served.classes(), alpha);
        return Images.encodePng(img);
    }

    private static int[] ids(ServedResult served) {
        if (served.detections().size() > 0xFFFF) {
            throw new ApiException(422, "too_many_instances", served.detections().size()
                    + " instances do not fit a 16-bit instance PNG");
        }
        return served.segmentation() != null ? served.segmentation().instanceIds()
                : DetectionWriter.instanceIds(served.detections(), served.image().width(), served.image().height());
    }

    private static Map<String, Object> header(String model, ServedResult served, double totalMs, double decodeMs) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", model);
        out.put("task", served.task().label());
        out.put("width", served.image().width());
        out.put("height", served.image().height());
        out.put("time_ms", Responses.round(totalMs));
        out.put("decode_ms", Responses.round(decodeMs));
        return out;
    }
}
