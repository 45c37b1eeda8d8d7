package org.seg4j.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seg4j.serve.ServeFixtures.post;

import java.awt.image.BufferedImage;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code seg4j serve --model selfie}: the built-in model by name, with soft-edged cutouts. */
class SelfieServeTest {

    @Test
    void servesTheBuiltInModelAndCutsOutThePerson() throws Exception {
        byte[] photo;
        try (InputStream in = SelfieServeTest.class.getResourceAsStream("/selfie/photo.png")) {
            photo = in.readAllBytes();
        }
        ModelSource source = ModelSource.parse("selfie");
        assertThat(source.name()).isEqualTo("selfie");
        try (SegmentationServer server = SegmentationServer.start(List.of(source),
                ServeOptions.defaults().withPort(0))) {
            assertThat(server.awaitModels(Duration.ofSeconds(60))).isTrue();
            BufferedImage cut = ServeFixtures.image(post(server.url() + "v1/models/selfie/segment?format=cutout", photo));
            BufferedImage mask = ServeFixtures.image(post(server.url() + "v1/models/selfie/segment?format=mask", photo));
            int partial = 0;
            long opaque = 0;
            for (int y = 0; y < cut.getHeight(); y++) {
                for (int x = 0; x < cut.getWidth(); x++) {
                    int a = cut.getRGB(x, y) >>> 24;
                    partial += a > 0 && a < 255 ? 1 : 0;
                    opaque += a == 255 ? 1 : 0;
                    assertThat(a > 127).isEqualTo(mask.getRaster().getSample(x, y, 0) == 1);
                }
            }
            assertThat(partial).as("soft edge pixels").isGreaterThan(100);
            assertThat(opaque).as("person pixels").isGreaterThan(20_000);
        }
    }
}
