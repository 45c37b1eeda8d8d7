package org.seg4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code seg4j predict --model selfie --format cutout}: the built-in model removes a photo's background. */
class SelfieCommandsTest {

    @TempDir
    Path tmp;

    @Test
    void cutoutOfThePhotoKeepsThePersonWithSoftEdges() throws Exception {
        Path photo = tmp.resolve("astronaut.png");
        try (var in = SelfieCommandsTest.class.getResourceAsStream("/selfie/photo.png")) {
            Files.copy(in, photo);
        }
        Path out = tmp.resolve("out");
        CliRunner.Run r = CliRunner.run("predict", "--model", "selfie", "--input", photo.toString(), "--out",
                out.toString(), "--format", "cutout,mask");
        assertThat(r.exitCode()).as(r.err()).isZero();
        BufferedImage cut = ImageIO.read(out.resolve("astronaut_cutout.png").toFile());
        BufferedImage mask = ImageIO.read(out.resolve("astronaut_mask.png").toFile());
        assertThat(cut.getColorModel().hasAlpha()).isTrue();
        assertThat(cut.getWidth()).isEqualTo(256);
        int opaque = 0;
        int clear = 0;
        int partial = 0;
        for (int y = 0; y < cut.getHeight(); y++) {
            for (int x = 0; x < cut.getWidth(); x++) {
                int a = cut.getRGB(x, y) >>> 24;
                opaque += a == 255 ? 1 : 0;
                clear += a == 0 ? 1 : 0;
                partial += a > 0 && a < 255 ? 1 : 0;
                // alpha above one half exactly where the mask says person
                assertThat(a > 127).isEqualTo(mask.getRaster().getSample(x, y, 0) == 1);
            }
        }
        assertThat(opaque).as("person pixels").isGreaterThan(20_000);
        assertThat(clear).as("background pixels").isGreaterThan(10_000);
        assertThat(partial).as("soft edge pixels").isGreaterThan(100);
        // the face (upper middle) is kept, the top-left corner (flag) removed
        assertThat(cut.getRGB(110, 60) >>> 24).isEqualTo(255);
        assertThat(cut.getRGB(5, 5) >>> 24).isZero();
    }
}
