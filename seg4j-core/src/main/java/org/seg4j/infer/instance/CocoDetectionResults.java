package org.seg4j.infer.instance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.seg4j.data.convert.CocoSegmentation;
import org.seg4j.data.polygon.Keyhole;
import org.seg4j.data.polygon.Region;
import org.seg4j.data.region.RegionPolygons;
import org.seg4j.util.Json;

/**
 * Writes detections as a COCO results file, the input of pycocotools' {@code loadRes} and
 * {@code COCOeval(iouType='segm')}: one entry per instance with {@code image_id}, {@code
 * category_id} (class id + 1, as seg4j writes COCO categories), {@code segmentation} as
 * compressed RLE (or polygons), {@code score} and {@code bbox} {@code [x, y, width, height]}. Written
 * atomically.
 */
public final class CocoDetectionResults {

    private CocoDetectionResults() {}

    /** A new, empty results array. */
    public static ArrayNode newResults() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** How a result's {@code segmentation} is written. */
    public enum MaskEncoding {
        /** Compressed RLE, exact (the default, as pycocotools writes results). */
        RLE,
        /** Polygons (outline per 4-connected part, holes joined by {@link Keyhole}), simplified to a tolerance. */
        POLYGON
    }

    /** Appends the instances of one {@code width x height} image to {@code results}, masks as RLE. */
    public static void add(ArrayNode results, long imageId, List<DetectedInstance> instances, int width, int height) {
        add(results, imageId, instances, width, height, MaskEncoding.RLE, 0);
    }

    /**
     * Appends the instances of one {@code width x height} image to {@code results}.
     *
     * @param tolerance for {@link MaskEncoding#POLYGON}: Douglas-Peucker tolerance in pixels (0: exact
     *     pixel outlines)
     */
    public static void add(ArrayNode results, long imageId, List<DetectedInstance> instances, int width, int height,
            MaskEncoding encoding, double tolerance) {
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("polygon tolerance must be >= 0, got " + tolerance);
        }
        for (DetectedInstance d : instances) {
            if (d.mask().length != width * height) {
                throw new IllegalArgumentException("instance mask of image " + imageId + " has " + d.mask().length
                        + " pixels, the image " + width + "x" + height);
            }
            ObjectNode n = results.addObject();
            n.put("image_id", imageId);
            n.put("category_id", d.classId() + 1);
            n.set("segmentation", encoding == MaskEncoding.RLE ? CocoSegmentation.encode(d.mask(), width, height)
                    : polygons(d.mask(), width, height, d.classId(), tolerance));
            n.put("score", d.score());
            float[] b = d.box();
            n.putArray("bbox").add(b[0]).add(b[1]).add(b[2] - b[0]).add(b[3] - b[1]);
        }
    }

    /** A mask as COCO polygons {@code [[x0, y0, x1, y1, ...], ...]}, one per 4-connected part. */
    static ArrayNode polygons(boolean[] mask, int width, int height, int classId, double tolerance) {
        int x0 = width;
        int y0 = height;
        int x1 = 0;
        int y1 = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                int x = i % width;
                int y = i / width;
                x0 = Math.min(x0, x);
                y0 = Math.min(y0, y);
                x1 = Math.max(x1, x + 1);
                y1 = Math.max(y1, y + 1);
            }
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        if (x1 == 0) {
            return out; // an empty mask has no polygon
        }
        for (Region r : RegionPolygons.of(i -> mask[i], width, new int[] {x0, y0, x1, y1}, classId, tolerance)) {
            ArrayNode poly = out.addArray();
            for (int v : Keyhole.join(r.outer(), r.holes())) {
                poly.add(v);
            }
        }
        return out;
    }

    /** Writes the results to {@code json}. */
    public static void write(Path json, ArrayNode results) {
        Json.writeJson(json, results);
    }
}
