package org.seg4j.data.convert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.seg4j.Seg4jException;
import org.seg4j.data.LabelMask;

/**
 * The {@code segmentation} of a COCO annotation as a binary mask: polygons
 * ({@code [[x0, y0, x1, y1, ...], ...]}, rasterised by {@link PolygonRasterizer}, parts united) or
 * RLE ({@code {"counts": [...] or "...", "size": [h, w]}}, see {@link CocoRle}).
 */
public final class CocoSegmentation {

    private CocoSegmentation() {}

    /**
     * Decodes a segmentation of a {@code width x height} image.
     *
     * @return the covered pixels, row-major
     * @throws Seg4jException if it is neither polygons nor RLE, or the RLE has another size
     */
    public static boolean[] decode(JsonNode seg, int width, int height) {
        if (seg.isArray()) {
            LabelMask canvas = LabelMask.filled(width, height, 0);
            for (JsonNode poly : seg) {
                double[] xy = new double[poly.size()];
                for (int i = 0; i < xy.length; i++) {
                    xy[i] = poly.get(i).asDouble();
                }
                PolygonRasterizer.fill(canvas, xy, 1);
            }
            boolean[] on = new boolean[width * height];
            byte[] d = canvas.data();
            for (int i = 0; i < on.length; i++) {
                on[i] = d[i] != 0;
            }
            return on;
        }
        if (!seg.isObject()) {
            throw new Seg4jException("no segmentation (polygons or RLE)");
        }
        int h = seg.path("size").path(0).asInt();
        int w = seg.path("size").path(1).asInt();
        if (h != height || w != width) {
            throw new Seg4jException("RLE size " + w + "x" + h + " differs from the image's " + width + "x" + height);
        }
        JsonNode counts = seg.path("counts");
        long[] runs;
        if (counts.isTextual()) {
            runs = CocoRle.decodeString(counts.asText());
        } else {
            runs = new long[counts.size()];
            for (int i = 0; i < runs.length; i++) {
                runs[i] = counts.get(i).asLong();
            }
        }
        return CocoRle.decode(runs, h, w);
    }

    /** A mask as compressed RLE, {@code {"size": [h, w], "counts": "..."}}, as pycocotools writes it. */
    public static ObjectNode encode(boolean[] mask, int width, int height) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.putArray("size").add(height).add(width);
        n.put("counts", CocoRle.encodeString(CocoRle.encode(mask, height, width)));
        return n;
    }
}
