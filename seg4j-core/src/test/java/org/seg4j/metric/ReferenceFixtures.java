package org.seg4j.metric;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.seg4j.data.convert.CocoRle;
import org.seg4j.data.instance.CocoPanoptic;
import org.seg4j.data.instance.PanopticAnnotation;
import org.seg4j.metric.instance.Detection;
import org.seg4j.util.Json;

/**
 * The committed fixtures of {@code bench/reference/make_instance_fixtures.py}: COCO panoptic
 * ground truth and prediction, COCO detections and the reference tools' outputs.
 */
public final class ReferenceFixtures {

    private ReferenceFixtures() {}

    /** The fixture folder. */
    public static Path folder() {
        try {
            return Path.of(ReferenceFixtures.class.getResource("/reference/instance/gt.json").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static CocoPanoptic groundTruth() {
        return CocoPanoptic.read(folder().resolve("gt.json"), folder().resolve("gt"));
    }

    public static CocoPanoptic prediction() {
        return CocoPanoptic.read(folder().resolve("pred.json"), folder().resolve("pred"));
    }

    public static JsonNode json(String name) throws IOException {
        return Json.JSON.readTree(folder().resolve(name).toFile());
    }

    /** The detections of image {@code imageId} (category id = class id + 1), in file order. */
    public static List<Detection> detections(long imageId, PanopticAnnotation gt) throws IOException {
        List<Detection> out = new ArrayList<>();
        for (JsonNode d : json("detections.json")) {
            if (d.path("image_id").asLong() != imageId) {
                continue;
            }
            JsonNode seg = d.path("segmentation");
            int h = seg.path("size").get(0).asInt();
            int w = seg.path("size").get(1).asInt();
            if (h != gt.height() || w != gt.width()) {
                throw new IllegalStateException("detection size differs from its image");
            }
            boolean[] mask = CocoRle.decode(CocoRle.decodeString(seg.path("counts").asText()), h, w);
            out.add(new Detection(d.path("category_id").asInt() - 1, d.path("score").asDouble(), mask));
        }
        return out;
    }
}
