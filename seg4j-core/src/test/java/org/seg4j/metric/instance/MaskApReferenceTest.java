package org.seg4j.metric.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.seg4j.data.instance.CocoPanoptic;
import org.seg4j.data.instance.InstancePng;
import org.seg4j.data.instance.PanopticAnnotation;
import org.seg4j.metric.ReferenceFixtures;

/** Mask AP and the ISBI scores against the reference fixtures (pycocotools COCOeval), to 1e-6. */
class MaskApReferenceTest {

    @Test
    void agreesWithCocoEval() throws Exception {
        CocoPanoptic gt = ReferenceFixtures.groundTruth();
        MaskAp ap = new MaskAp(gt.classes());
        for (int i = 0; i < gt.entries().size(); i++) {
            PanopticAnnotation a = gt.annotation(i);
            ap.add(a, ReferenceFixtures.detections(gt.entries().get(i).imageId(), a));
        }
        MaskApResult r = ap.result();
        JsonNode expected = ReferenceFixtures.json("expected_ap.json");
        for (int k = 0; k < MaskApResult.NAMES.size(); k++) {
            assertThat(r.stats()[k]).as(MaskApResult.NAMES.get(k))
                    .isCloseTo(expected.path("stats").get(k).asDouble(), within(1e-6));
        }
        for (int c = 0; c < gt.classes().numClasses(); c++) {
            assertThat(r.perClassAp().get(c)).as(gt.classes().name(c))
                    .isCloseTo(expected.path("per_class_ap").path(gt.classes().name(c)).asDouble(), within(1e-6));
        }
    }

    @Test
    void isbiScoresAgreeWithTheScript() throws Exception {
        int[] truth = InstancePng.readIds(ReferenceFixtures.folder().resolve("rand_gt.png"));
        int[] pred = InstancePng.readIds(ReferenceFixtures.folder().resolve("rand_pred.png"));
        ForegroundRestrictedScores s = ForegroundRestrictedScores.of(truth, pred);
        JsonNode e = ReferenceFixtures.json("expected_rand.json");
        assertThat(s.randSplit()).isCloseTo(e.path("rand_split").asDouble(), within(1e-9));
        assertThat(s.randMerge()).isCloseTo(e.path("rand_merge").asDouble(), within(1e-9));
        assertThat(s.vRand()).isCloseTo(e.path("v_rand").asDouble(), within(1e-9));
        assertThat(s.infoSplit()).isCloseTo(e.path("info_split").asDouble(), within(1e-9));
        assertThat(s.infoMerge()).isCloseTo(e.path("info_merge").asDouble(), within(1e-9));
        assertThat(s.vInfo()).isCloseTo(e.path("v_info").asDouble(), within(1e-9));
        assertThat(s.variationOfInformation()).isCloseTo(e.path("vi").asDouble(), within(1e-9));
    }
}
