package org.seg4j.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.RgbImage;
import org.seg4j.data.convert.CocoSegmentation;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.PredictorOptions;
import org.seg4j.infer.Probabilities;
import org.seg4j.infer.TestModels;
import org.seg4j.infer.instance.ComponentInstances;
import org.seg4j.infer.instance.InstancePredictionWriter;
import org.seg4j.util.Json;

/**
 * A semantic model served with {@code --method components}: on an image whose class map is known
 * (the pointwise model predicts each pixel's dominant channel: red, green or blue), with blue the
 * thing class, every instance and panoptic format answers the two blue squares, as {@code predict
 * --method components} writes them; models that cannot have components are refused at start.
 */
class ComponentServeTest {

    private static final int W = 40;
    private static final int H = 30;
    /** Bright blue square: x 20..29, y 10..19 (100 pixels). */
    private static final int[] BRIGHT = {20, 10, 10, 10};
    /** Dim blue square: x 5..12, y 8..15 (64 pixels); scores lower than the bright one, comes first. */
    private static final int[] DIM = {5, 8, 8, 8};
    private static final RgbImage IMAGE = scene();

    @TempDir
    static Path tmp;

    private static Path semantic;
    private static Path predictOut;
    private static SegmentationServer server;

    @BeforeAll
    static void start() throws Exception {
        semantic = TestModels.saveModel(tmp.resolve("rgb"), TestModels.POINTWISE, 32, 1.0);
        // what predict --method components --things blue --min-area 4 writes for the image
        predictOut = tmp.resolve("predict");
        Files.createDirectories(predictOut);
        try (Predictor p = Predictor.load(semantic, PredictorOptions.defaults())) {
            ClassMeta classes = ComponentInstances.thingClasses(p.classes(), List.of("blue"));
            ComponentInstances components = ComponentInstances.builder().setClasses(classes).optMinArea(4).build();
            InstancePredictionWriter writer = new InstancePredictionWriter(components, classes, predictOut, 0.5);
            Probabilities probs = p.predictProbabilities(IMAGE);
            writer.write(predictOut, "img", IMAGE, probs.argmax(), probs);
            writer.finish();
        }
        ComponentMethod method = ComponentMethod.builder().optThings(List.of("blue")).optMinArea(4).build();
        server = SegmentationServer.start(List.of(ModelSource.parse("comp=" + semantic).withComponents(method),
                ModelSource.parse("plain=" + semantic)), ServeOptions.defaults().withPort(0));
        assertThat(server.awaitModels(Duration.ofSeconds(60))).as(server.failures().toString()).isTrue();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /**
     * Red everywhere, a green band (rows 0..3, stuff), the two blue squares and one lone blue pixel
     * at (35, 25), under {@code --min-area 4}, so void.
     */
    private static RgbImage scene() {
        byte[] d = new byte[W * H * 3];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int c = y < 4 ? 1 : 0;
                int v = 200;
                if (inside(BRIGHT, x, y)) {
                    c = 2;
                    v = 250;
                } else if (inside(DIM, x, y)) {
                    c = 2;
                    v = 100;
                } else if (x == 35 && y == 25) {
                    c = 2;
                }
                d[(y * W + x) * 3 + c] = (byte) v;
            }
        }
        return new RgbImage(W, H, d);
    }

    private static boolean inside(int[] box, int x, int y) {
        return x >= box[0] && x < box[0] + box[2] && y >= box[1] && y < box[1] + box[3];
    }

    @Test
    void theModelIsListedAsPanopticByComponentsWithEveryFormat() throws Exception {
        JsonNode models = Json.JSON.readTree(ServeFixtures.get(server.url() + "v1/models").body()).get("models");
        JsonNode comp = models.get(0);
        assertThat(comp.get("task").asText()).isEqualTo("panoptic");
        assertThat(comp.get("method").asText()).isEqualTo("components");
        assertThat(comp.get("architecture").asText()).isEqualTo(TestModels.POINTWISE);
        assertThat(ServeFixtures.texts(comp.get("formats"))).containsExactly("json", "mask", "color", "overlay", "cutout",
                "instances", "instance_ids", "instance_overlay", "panoptic");
        assertThat(comp.get("classes").get(2).get("isthing").asBoolean()).isTrue();
        assertThat(comp.get("classes").get(0).get("isthing").asBoolean()).isFalse();
        assertThat(models.get(1).get("task").asText()).isEqualTo("semantic");
        assertThat(models.get(1).has("method")).isFalse();
    }

    @Test
    void instancesAreTheTwoBlueSquaresInRowMajorOrder() throws Exception {
        JsonNode body = ServeFixtures.answer(post("comp", "?format=instances"), 200);
        assertThat(body.get("task").asText()).isEqualTo("panoptic");
        JsonNode instances = body.get("instances");
        assertThat(instances.size()).isEqualTo(2);
        int[][] boxes = {DIM, BRIGHT}; // numbered by their first pixel: the dim square starts higher
        for (int k = 0; k < 2; k++) {
            JsonNode one = instances.get(k);
            assertThat(one.get("instance").asInt()).isEqualTo(k + 1);
            assertThat(one.get("class").asText()).isEqualTo("blue");
            assertThat(one.get("class_id").asInt()).isEqualTo(2);
            assertThat(one.get("category_id").asInt()).isEqualTo(3);
            assertThat(one.get("area").asInt()).isEqualTo(boxes[k][2] * boxes[k][3]);
            for (int j = 0; j < 4; j++) {
                assertThat(one.get("bbox").get(j).asDouble()).as("instance %d box", k + 1).isEqualTo(boxes[k][j]);
            }
            boolean[] mask = CocoSegmentation.decode(one.get("segmentation"), W, H);
            for (int i = 0; i < mask.length; i++) {
                assertThat(mask[i]).as("instance %d at (%d, %d)", k + 1, i % W, i / W)
                        .isEqualTo(inside(boxes[k], i % W, i / W));
            }
        }
        // the score is the mean probability of blue: the brighter square is surer
        assertThat(instances.get(1).get("score").asDouble()).isGreaterThan(instances.get(0).get("score").asDouble())
                .isLessThanOrEqualTo(1.0);
        // the same instances as predict's listing, scores included
        JsonNode listing = Json.JSON.readTree(predictOut.resolve(InstancePredictionWriter.INSTANCES_JSON).toFile());
        assertThat(listing.size()).isEqualTo(2);
        for (int k = 0; k < 2; k++) {
            assertThat(instances.get(k).get("score").asDouble()).isCloseTo(listing.get(k).get("score").asDouble(),
                    org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    @Test
    void instanceIdsNumberTheSquaresAndMatchPredict() throws Exception {
        int[] ids = ServeFixtures.bandSamples(ServeFixtures.okPng(post("comp", "?format=instance_ids")));
        Set<Integer> distinct = new HashSet<>();
        for (int i = 0; i < ids.length; i++) {
            int x = i % W;
            int y = i / W;
            int expected = inside(DIM, x, y) ? 1 : inside(BRIGHT, x, y) ? 2 : 0;
            assertThat(ids[i]).as("(%d, %d)", x, y).isEqualTo(expected);
            if (ids[i] != 0) {
                distinct.add(ids[i]);
            }
        }
        int count = ServeFixtures.answer(post("comp", "?format=instances"), 200).get("instances").size();
        assertThat(distinct).hasSize(count);
        assertThat(ids).containsExactly(ServeFixtures.bandSamples(ImageIO.read(predictOut.resolve("img_instances.png").toFile())));
    }

    @Test
    void instanceOverlayIsPredicts() throws Exception {
        BufferedImage served = ServeFixtures.okPng(post("comp", "?format=instance_overlay&alpha=0.5"));
        assertThat(ServeFixtures.argb(served)).containsExactly(
                ServeFixtures.argb(ImageIO.read(predictOut.resolve("img_instances_overlay.png").toFile())));
        BufferedImage full = ServeFixtures.okPng(post("comp", "?format=instance_overlay&alpha=1"));
        assertThat(full.getRGB(8, 10) & 0xFFFFFF)
                .isEqualTo(org.seg4j.infer.instance.InstanceOverlay.colour(1) & 0xFFFFFF);
        assertThat(full.getRGB(25, 15) & 0xFFFFFF)
                .isEqualTo(org.seg4j.infer.instance.InstanceOverlay.colour(2) & 0xFFFFFF);
    }

    @Test
    void panopticHasTheStuffSegmentsAndTheSquares() throws Exception {
        JsonNode body = ServeFixtures.answer(post("comp", "?format=panoptic"), 200);
        List<String> segments = new ArrayList<>();
        for (JsonNode s : body.get("segments_info")) {
            segments.add(s.get("category_id").asInt() + ":" + s.get("area").asInt());
        }
        // red: 1200 pixels less the green band (160), the squares (164) and the void lone blue pixel
        assertThat(segments).containsExactlyInAnyOrder("1:875", "2:160", "3:100", "3:64");
        assertThat(body.get("categories").get(2).get("isthing").asInt()).isEqualTo(1);
        JsonNode written = Json.JSON.readTree(predictOut.resolve("panoptic.json").toFile());
        assertThat(body.get("segments_info")).isEqualTo(written.get("annotations").get(0).get("segments_info"));
        assertThat(body.get("categories")).isEqualTo(written.get("categories"));
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(
                java.util.Base64.getDecoder().decode(body.get("png").asText())));
        assertThat(ServeFixtures.argb(png)).containsExactly(ServeFixtures.argb(ImageIO.read(predictOut.resolve("panoptic/img.png").toFile())));
    }

    @Test
    void theSemanticFormatsStillAnswer() throws Exception {
        int[] mask = ServeFixtures.bandSamples(ServeFixtures.okPng(post("comp", "?format=mask")));
        byte[] expected = TestModels.dominantChannel(IMAGE);
        for (int i = 0; i < mask.length; i++) {
            assertThat(mask[i]).isEqualTo(expected[i]);
        }
        assertThat(ServeFixtures.answer(post("comp", "?format=json"), 200).get("classes").size()).isEqualTo(3);
        assertThat(ServeFixtures.okPng(post("comp", "?format=cutout&classes=blue")).getColorModel().hasAlpha()).isTrue();
        // without --method components the same model refuses instances, and says how to get them
        assertThat(ServeFixtures.answer(post("plain", "?format=instances"), 400).get("message").asText())
                .contains("this is a semantic model").contains("--method components");
    }

    @Test
    void aModelWithoutThingClassesIsRefusedAtStartWithPredictsMessage() {
        ModelSource noThings = ModelSource.parse("bare=" + semantic).withComponents(ComponentMethod.builder().build());
        assertThatThrownBy(() -> SegmentationServer.start(List.of(noThings), ServeOptions.defaults().withPort(0)))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("model 'bare'")
                .hasMessageContaining("--method components: the model's classes mark no thing class (isthing); "
                        + "name the classes with instances with --things, e.g. --things blue");
        ModelSource unknown = ModelSource.parse("bare=" + semantic)
                .withComponents(ComponentMethod.builder().optThings(List.of("car")).build());
        assertThatThrownBy(() -> SegmentationServer.start(List.of(unknown), ServeOptions.defaults().withPort(0)))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("--things: thing class 'car' is not a class");
    }

    @Test
    void instanceAndPanopticModelsAreRefusedAtStart() {
        ComponentMethod method = ComponentMethod.builder().optThings(List.of("car")).build();
        Path mrcnn = InstanceModels.maskRcnn(tmp.resolve("mrcnn"));
        assertThatThrownBy(() -> SegmentationServer.start(List.of(ModelSource.parse("m=" + mrcnn)
                .withComponents(method)), ServeOptions.defaults().withPort(0)))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("model 'm'")
                .hasMessageContaining("--method components is for semantic models; this is a Mask R-CNN");
        Path pdl = InstanceModels.panopticDeepLab(tmp.resolve("pdl"));
        assertThatThrownBy(() -> SegmentationServer.start(List.of(ModelSource.parse("p=" + pdl)
                .withComponents(method)), ServeOptions.defaults().withPort(0)))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("--method components is for semantic models; this is a panoptic model");
    }

    @Test
    void badOptionsAreRefusedByTheBuilder() {
        assertThatThrownBy(() -> ComponentMethod.builder().optMinArea(0).build()).hasMessageContaining("--min-area");
        assertThatThrownBy(() -> ComponentMethod.builder().optMinDistance(0).build())
                .hasMessageContaining("--min-distance");
        assertThatThrownBy(() -> ComponentMethod.builder().optPeakThreshold(-1).build())
                .hasMessageContaining("--peak-threshold");
    }

    private static HttpResponse<byte[]> post(String model, String query) {
        return ServeFixtures.post(server.url() + "v1/models/" + model + "/segment" + query, ServeFixtures.png(IMAGE));
    }
}
