package org.seg4j.infer.instance;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.seg4j.data.convert.CocoSegmentation;
import org.seg4j.util.Json;

/**
 * Writes detections as a COCO results file, the input of pycocotools' {@code loadRes} and
 * {@code COCOeval(iouType='segm')}: one entry per instance with {@code image_id}, {@code
 * category_id} (class id + 1, as seg4j writes COCO categories), {@code segmentation} as
 * compressed RLE, {@code score} and {@code bbox} {@code [x, y, width, height]}. Written
 * atomically.
 */
public final class CocoDetectionResults {

    private CocoDetectionResults() {}

    /** A new, empty results array. */
    public static ArrayNode newResults() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** Appends the instances of one {@code width x height} image to {@code results}. */
    public static void add(ArrayNode results, long imageId, List<DetectedInstance> instances, int width, int height) {
        for (DetectedInstance d : instances) {
            if (d.mask().length != width * height) {
                throw new IllegalArgumentException("instance mask of image " + imageId + " has " + d.mask().length
                        + " pixels, the image " + width + "x" + height);
            }
            ObjectNode n = results.addObject();
            n.put("image_id", imageId);
            n.put("category_id", d.classId() + 1);
            n.set("segmentation", CocoSegmentation.encode(d.mask(), width, height));
            n.put("score", d.score());
            float[] b = d.box();
            n.putArray("bbox").add(b[0]).add(b[1]).add(b[2] - b[0]).add(b[3] - b[1]);
        }
    }

    /** Writes the results to {@code json}. */
    public static void write(Path json, ArrayNode results) {
        Json.writeJson(json, results);
    }
}
