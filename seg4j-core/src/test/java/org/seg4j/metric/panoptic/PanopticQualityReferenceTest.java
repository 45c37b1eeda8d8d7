package org.seg4j.metric.panoptic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.seg4j.data.instance.CocoPanoptic;
import org.seg4j.metric.ReferenceFixtures;

/** PQ against the reference fixtures (panopticapi's pq_compute algorithm), to 1e-6. */
class PanopticQualityReferenceTest {

    @Test
    void agreesWithPqCompute() throws Exception {
        CocoPanoptic gt = ReferenceFixtures.groundTruth();
        CocoPanoptic pred = ReferenceFixtures.prediction();
        PanopticQuality pq = new PanopticQuality(gt.classes());
        for (int i = 0; i < gt.entries().size(); i++) {
            pq.add(gt.annotation(i), pred.annotation(pred.indexOf(gt.entries().get(i).imageId())));
        }
        PanopticResult r = pq.result();
        JsonNode expected = ReferenceFixtures.json("expected_pq.json");
        for (PanopticResult.ClassQuality q : r.perClass()) {
            JsonNode e = expected.path("per_class").path(q.name());
            assertThat(q.pq()).as(q.name()).isCloseTo(e.path("pq").asDouble(), within(1e-6));
            assertThat(q.sq()).as(q.name()).isCloseTo(e.path("sq").asDouble(), within(1e-6));
            assertThat(q.rq()).as(q.name()).isCloseTo(e.path("rq").asDouble(), within(1e-6));
            assertThat(new long[] {q.tp(), q.fp(), q.fn()}).as(q.name())
                    .containsExactly(e.path("tp").asLong(), e.path("fp").asLong(), e.path("fn").asLong());
        }
        check(r.all(), expected.path("All"));
        check(r.things(), expected.path("Things"));
        check(r.stuff(), expected.path("Stuff"));
        assertThatThrownBy(() -> pred.indexOf(99)).hasMessageContaining("pred.json: no annotation for image id 99");
    }

    private static void check(PanopticResult.Average a, JsonNode e) {
        assertThat(a.n()).isEqualTo(e.path("n").asInt());
        assertThat(a.pq()).isCloseTo(e.path("pq").asDouble(), within(1e-6));
        assertThat(a.sq()).isCloseTo(e.path("sq").asDouble(), within(1e-6));
        assertThat(a.rq()).isCloseTo(e.path("rq").asDouble(), within(1e-6));
    }
}
