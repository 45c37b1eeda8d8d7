package org.seg4j.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.RgbImage;
import org.seg4j.data.convert.CocoSegmentation;
import org.seg4j.infer.TestModels;
import org.seg4j.infer.instance.CenterGrouping;
import org.seg4j.infer.instance.DetectionWriter;
import org.seg4j.infer.instance.InstancePredictionWriter;
import org.seg4j.infer.instance.MaskRcnnPredictor;
import org.seg4j.infer.instance.PanopticPrediction;
import org.seg4j.infer.instance.PanopticPredictor;
import org.seg4j.model.instance.maskrcnn.MaskRcnnDirectory;
import org.seg4j.util.Json;

/**
 * Serving a Mask R-CNN and a Panoptic-DeepLab: every instance and panoptic format answers what
 * {@code seg4j predict} writes for the same image (its writers run here on the same model), and
 * a format of the other task is a 400 that lists the model's formats.
 */
class InstanceServeTest {

    @TempDir
    static Path tmp;

    private static SegmentationServer server;
    private static final RgbImage IMAGE = TestModels.randomImage(64, 48, 5);
    private static Path detectorOut;
    private static Path panopticOut;
    private static PanopticPrediction panoptic;

    @BeforeAll
    static void start() throws Exception {
        Path detector = InstanceModels.maskRcnn(tmp.resolve("mrcnn"));
        Path pdl = InstanceModels.panopticDeepLab(tmp.resolve("pdl"));
        Path semantic = TestModels.saveModel(tmp.resolve("rgb"), TestModels.POINTWISE, 32, 1.0);
        // what predict writes, with the serving options: every detection (min score 0), no stuff dropped
        detectorOut = tmp.resolve("predict-mrcnn");
        try (MaskRcnnDirectory.Loaded loaded = MaskRcnnDirectory.load(detector)) {
            MaskRcnnPredictor p = MaskRcnnPredictor.builder().setModel(loaded.model(), loaded.manager())
                    .setClassIds(loaded.classIds()).optMinScore(0).build();
            java.nio.file.Files.createDirectories(detectorOut);
            DetectionWriter writer = new DetectionWriter(loaded.classes(), detectorOut, 0.5);
            writer.write("img", IMAGE, p.predict(IMAGE));
            writer.finish();
        }
        panopticOut = tmp.resolve("predict-pdl");
        CenterGrouping grouping = CenterGrouping.builder().setClasses(InstanceModels.PANOPTIC_CLASSES)
                .optThreshold(0).optStuffArea(0).build();
        try (PanopticPredictor p = PanopticPredictor.load(pdl, grouping)) {
            panoptic = p.predict(IMAGE);
            InstancePredictionWriter writer = new InstancePredictionWriter(p.classes(), panopticOut, 0.5);
            writer.write(panopticOut, "img", IMAGE, panoptic.segmentation());
            writer.finish();
        }
        server = SegmentationServer.start(List.of(ModelSource.parse("mrcnn=" + detector),
                ModelSource.parse("pdl=" + pdl), ModelSource.parse("rgb=" + semantic)),
                ServeOptions.defaults().withPort(0).withMinScore(0.0).withStuffArea(0));
        assertThat(server.awaitModels(Duration.ofSeconds(120))).as(server.failures().toString()).isTrue();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void modelsSayTheirTaskAndFormats() throws Exception {
        JsonNode models = Json.JSON.readTree(ServeFixtures.get(server.url() + "v1/models").body()).get("models");
        assertThat(models.get(0).get("task").asText()).isEqualTo("instance");
        assertThat(models.get(0).get("architecture").asText()).isEqualTo("mask-rcnn");
        assertThat(ServeFixtures.texts(models.get(0).get("formats")))
                .containsExactly("overlay", "instances", "instance_ids", "instance_overlay");
        assertThat(models.get(1).get("task").asText()).isEqualTo("panoptic");
        assertThat(ServeFixtures.texts(models.get(1).get("formats"))).contains("json", "mask", "instances", "panoptic");
        assertThat(models.get(1).get("classes").get(1).get("isthing").asBoolean()).isTrue();
        assertThat(models.get(2).get("task").asText()).isEqualTo("semantic");
        assertThat(ServeFixtures.texts(models.get(2).get("formats"))).containsExactly("json", "mask", "color", "overlay", "cutout");
    }

    @Test
    void detectorInstancesAreTheCocoResultsPredictWrites() throws Exception {
        JsonNode expected = Json.JSON.readTree(detectorOut.resolve(DetectionWriter.RESULTS_JSON).toFile());
        assertThat(expected.size()).as("the tiny detector finds instances").isGreaterThan(0);
        for (String query : new String[] {"?format=instances", ""}) { // instances is a detector's default
            JsonNode body = ServeFixtures.answer(post("mrcnn", query), 200);
            assertThat(body.get("task").asText()).isEqualTo("instance");
            assertThat(body.get("mask_encoding").asText()).isEqualTo("rle");
            JsonNode instances = body.get("instances");
            assertThat(instances.size()).isEqualTo(expected.size());
            for (int k = 0; k < instances.size(); k++) {
                ObjectNode one = (ObjectNode) instances.get(k).deepCopy();
                assertThat(one.get("instance").asInt()).isEqualTo(k + 1);
                assertThat(one.get("class").asText()).isEqualTo(
                        InstanceModels.DETECTOR_CLASSES.name(one.get("category_id").asInt() - 1));
                one.remove(List.of("instance", "class_id", "class", "color", "area"));
                assertThat(one).isEqualTo(expected.get(k));
            }
            assertThat(body.get("categories").get(1).get("name").asText()).isEqualTo("box");
        }
    }

    @Test
    void detectorPngsAreThePredictFiles() throws Exception {
        assertThat(ServeFixtures.bandSamples(ServeFixtures.okPng(post("mrcnn", "?format=instance_ids"))))
                .containsExactly(ServeFixtures.bandSamples(ImageIO.read(detectorOut.resolve("img_instances.png").toFile())));
        BufferedImage written = ImageIO.read(detectorOut.resolve("img_instances_overlay.png").toFile());
        assertThat(ServeFixtures.argb(ServeFixtures.okPng(post("mrcnn", "?format=instance_overlay&alpha=0.5")))).containsExactly(ServeFixtures.argb(written));
        // a detector's overlay is its instance overlay, boxes and labels included
        assertThat(ServeFixtures.argb(ServeFixtures.okPng(post("mrcnn", "?format=overlay&alpha=0.5")))).containsExactly(ServeFixtures.argb(written));
    }

    @Test
    void polygonMasksCoverTheRleMasks() throws Exception {
        JsonNode rle = ServeFixtures.answer(post("mrcnn", "?format=instances"), 200).get("instances");
        JsonNode body = ServeFixtures.answer(post("mrcnn", "?format=instances&masks=polygon&tolerance=0"), 200);
        assertThat(body.get("mask_encoding").asText()).isEqualTo("polygon");
        JsonNode poly = body.get("instances");
        int w = IMAGE.width();
        int h = IMAGE.height();
        for (int k = 0; k < rle.size(); k++) {
            assertThat(poly.get(k).get("segmentation").isArray()).isTrue();
            boolean[] a = CocoSegmentation.decode(rle.get(k).get("segmentation"), w, h);
            boolean[] b = CocoSegmentation.decode(poly.get(k).get("segmentation"), w, h);
            int inter = 0;
            int union = 0;
            for (int i = 0; i < a.length; i++) {
                inter += a[i] && b[i] ? 1 : 0;
                union += a[i] || b[i] ? 1 : 0;
            }
            assertThat(union == 0 ? 1.0 : (double) inter / union).as("instance %d", k + 1).isGreaterThan(0.95);
        }
    }

    @Test
    void panopticAnswersArePanopticJsonAndPngOfPredict() throws Exception {
        assertThat(panoptic.segmentation().instances()).as("the tiny panoptic model finds cars").isNotEmpty();
        JsonNode written = Json.JSON.readTree(panopticOut.resolve("panoptic.json").toFile());
        JsonNode body = ServeFixtures.answer(post("pdl", "?format=panoptic"), 200);
        assertThat(body.get("segments_info")).isEqualTo(written.get("annotations").get(0).get("segments_info"));
        assertThat(body.get("categories")).isEqualTo(written.get("categories"));
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(body.get("png").asText())));
        assertThat(ServeFixtures.argb(png)).containsExactly(ServeFixtures.argb(ImageIO.read(panopticOut.resolve("panoptic/img.png").toFile())));

        assertThat(ServeFixtures.bandSamples(ServeFixtures.okPng(post("pdl", "?format=instance_ids"))))
                .containsExactly(ServeFixtures.bandSamples(ImageIO.read(panopticOut.resolve("img_instances.png").toFile())));
        assertThat(ServeFixtures.argb(ServeFixtures.okPng(post("pdl", "?format=instance_overlay&alpha=0.5"))))
                .containsExactly(ServeFixtures.argb(ImageIO.read(panopticOut.resolve("img_instances_overlay.png").toFile())));

        JsonNode listing = Json.JSON.readTree(panopticOut.resolve(InstancePredictionWriter.INSTANCES_JSON).toFile());
        JsonNode instances = ServeFixtures.answer(post("pdl", "?format=instances"), 200).get("instances");
        assertThat(instances.size()).isEqualTo(listing.size());
        for (int k = 0; k < instances.size(); k++) {
            for (int j = 0; j < 4; j++) { // COCO results boxes are floating point, the listing's whole pixels
                assertThat(instances.get(k).get("bbox").get(j).asDouble()).as("instance %d", k + 1)
                        .isEqualTo(listing.get(k).get("bbox").get(j).asDouble());
            }
            assertThat(instances.get(k).get("class").asText()).isEqualTo("car");
            assertThat(instances.get(k).get("area").asInt()).isEqualTo(listing.get(k).get("area").asInt());
        }
        // the class map stays available: the semantic formats answer the semantic head's arg-max
        int[] mask = ServeFixtures.bandSamples(ServeFixtures.okPng(post("pdl", "?format=mask")));
        for (int i = 0; i < mask.length; i++) {
            assertThat(mask[i]).isEqualTo(panoptic.semantic().get(i % IMAGE.width(), i / IMAGE.width()));
        }
    }

    @Test
    void aFormatOfTheOtherTaskIsA400ListingTheModelsFormats() throws Exception {
        for (String format : new String[] {"mask", "json", "color", "cutout", "panoptic"}) {
            HttpResponse<byte[]> r = post("mrcnn", "?format=" + format);
            JsonNode body = ServeFixtures.answer(r, 400);
            assertThat(body.get("error").asText()).isEqualTo("bad_parameter");
            assertThat(body.get("message").asText()).contains("format '" + format + "'").contains("instance model")
                    .contains("overlay, instances, instance_ids, instance_overlay");
        }
        JsonNode semantic = ServeFixtures.answer(post("rgb", "?format=instances"), 400);
        assertThat(semantic.get("message").asText())
                .isEqualTo("format 'instances' is for instance and panoptic models; this is a semantic model, whose"
                        + " formats are: json, mask, color, overlay, cutout (serve it with --method components for"
                        + " instances: each connected region of a thing class one instance)");
        assertThat(ServeFixtures.answer(post("rgb", "?format=panoptic"), 400).get("message").asText()).contains("panoptic models");
        assertThat(ServeFixtures.answer(post("mrcnn", "?format=instances&masks=bitmap"), 400).get("message").asText())
                .contains("masks must be rle or polygon").contains("bitmap");
        assertThat(ServeFixtures.answer(post("mrcnn", "?format=instances&masks=polygon&tolerance=-1"), 400).get("message").asText())
                .contains("tolerance").contains("-1");
    }

    private static HttpResponse<byte[]> post(String model, String query) {
        return ServeFixtures.post(server.url() + "v1/models/" + model + "/segment" + query, ServeFixtures.png(IMAGE));
    }
}
