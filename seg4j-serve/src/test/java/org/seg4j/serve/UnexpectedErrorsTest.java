package org.seg4j.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.infer.TestModels;
import org.seg4j.util.Json;

/** A failure nobody expected: the client gets a generic 500 with a request id, the log gets the detail. */
class UnexpectedErrorsTest {

    private static final String SECRET = "cannot open /srv/secret/path.bin";

    @TempDir
    Path tmp;

    @Test
    void internalErrorHidesTheExceptionAndLogsItUnderTheRequestId() throws Exception {
        Path model = TestModels.saveModel(tmp.resolve("rgb"), TestModels.POINTWISE, 32, 1.0);
        PrintStream err = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (SegmentationServer server = SegmentationServer.start(List.of(ModelSource.parse("rgb=" + model)),
                ServeOptions.defaults().withPort(0), (request, name, result, totalMs, decodeMs) -> {
                    throw new IllegalStateException(SECRET);
                })) {
            assertThat(server.awaitModels(Duration.ofSeconds(60))).isTrue();
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            HttpResponse<byte[]> r = ServeFixtures.post(server.url() + "v1/models/rgb/segment",
                    ServeFixtures.png(TestModels.randomImage(8, 8, 1)));
            System.setErr(err);

            String body = ServeFixtures.text(r);
            assertThat(r.statusCode()).as(body).isEqualTo(500);
            assertThat(body).doesNotContain("secret").doesNotContain("IllegalStateException");
            String id = r.headers().firstValue(RequestIds.HEADER).orElseThrow();
            assertThat(id).matches("[0-9a-f]{16}");
            JsonNode json = Json.JSON.readTree(r.body());
            assertThat(json.get("error").asText()).isEqualTo("internal");
            assertThat(json.get("request_id").asText()).isEqualTo(id);
            assertThat(json.get("message").asText()).contains(id);
            String logged = log.toString(StandardCharsets.UTF_8);
            assertThat(logged).contains(id).contains(SECRET);

            // every answer carries an id, errors too
            HttpResponse<byte[]> ok = ServeFixtures.get(server.url() + "healthz");
            assertThat(ok.headers().firstValue(RequestIds.HEADER)).isPresent().isNotEqualTo(id);
        } finally {
            System.setErr(err);
        }
    }
}
