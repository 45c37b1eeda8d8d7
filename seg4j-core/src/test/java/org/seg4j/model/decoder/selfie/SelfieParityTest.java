package org.seg4j.model.decoder.selfie;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferUShort;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seg4j.data.ImageFiles;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.Probabilities;
import org.seg4j.util.Json;

/**
 * The built-in {@code selfie} model (seg4j's {@code mediapipe-selfie} network with the converted
 * weights) gives the TFLite interpreter's person probabilities on the committed fixtures within
 * 1e-4, or, where TFLite's own kernels disagree by more (its default XNNPACK kernels against its
 * reference kernels: 1.1e-3 along the hard edges of the drawn figure), within that disagreement. The references are 16-bit PNGs written by {@code tools/selfie/convert_selfie.py} (probability
 * x 65535, so they carry at most 7.7e-6 of rounding) from the 256x256 fixture images: a public-domain
 * photo (NASA's portrait of Eileen Collins), a closer crop of it, and a drawn figure.
 */
class SelfieParityTest {

    /** Asserted bound on |seg4j - TFLite| per pixel, on probabilities (the fixture's rounding included). */
    static final double TOLERANCE = 1e-4;

    private static Predictor predictor;

    @BeforeAll
    static void load() {
        predictor = Predictor.load(Path.of("selfie"));
    }

    @AfterAll
    static void close() {
        predictor.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"photo", "closeup", "figure"})
    void personProbabilityMatchesTfLite(String name) throws IOException, URISyntaxException {
        RgbImage image = ImageFiles.read(fixture(name + ".png"));
        double[] expected = reference(fixture(name + "_person.png"));
        Probabilities probs = predictor.predictProbabilities(image);
        assertThat(probs.numClasses()).isEqualTo(2);
        int plane = probs.width() * probs.height();
        assertThat(expected).hasSize(plane);
        double maxDiff = 0;
        double sumDiff = 0;
        int disagree = 0;
        for (int i = 0; i < plane; i++) {
            double p = probs.data()[plane + i];
            double d = Math.abs(p - expected[i]);
            maxDiff = Math.max(maxDiff, d);
            sumDiff += d;
            if ((p > 0.5) != (expected[i] > 0.5)) {
                disagree++;
            }
        }
        double spread = ((Number) ((Map<?, ?>) ((Map<?, ?>) fixtures().get("images")).get(name))
                .get("max_diff_default_vs_reference_kernels")).doubleValue();
        System.out.printf("selfie %s: max |seg4j - TFLite| %.2e, mean %.2e, class map disagreements %d of %d "
                + "(TFLite default vs reference kernels: %.2e)%n", name, maxDiff, sumDiff / plane, disagree, plane,
                spread);
        assertThat(maxDiff).as(name + ": max |seg4j - TFLite| person probability")
                .isLessThan(Math.max(TOLERANCE, spread));
        assertThat(sumDiff / plane).as(name + ": mean |seg4j - TFLite|").isLessThan(1e-5);
        assertThat(disagree).as(name + ": pixels on the other side of 0.5").isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"photo"})
    void photoHasAPersonAndBackground(String name) throws IOException, URISyntaxException {
        Probabilities probs = predictor.predictProbabilities(ImageFiles.read(fixture(name + ".png")));
        long person = 0;
        int plane = probs.width() * probs.height();
        for (int i = 0; i < plane; i++) {
            person += probs.data()[plane + i] > 0.5 ? 1 : 0;
        }
        // The astronaut fills about half the picture (the TFLite reference: 54.5% above 0.5).
        assertThat(person / (double) plane).isBetween(0.45, 0.65);
    }

    private static Map<?, ?> fixtures() throws IOException, URISyntaxException {
        return Json.JSON.readValue(fixture("selfie_fixtures.json").toFile(), Map.class);
    }

    private static Path fixture(String file) throws URISyntaxException {
        return Path.of(SelfieParityTest.class.getResource("/selfie/" + file).toURI());
    }

    /** A 16-bit gray PNG as values in 0..1. */
    private static double[] reference(Path file) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        assertThat(img.getType()).as(file + " is 16-bit gray").isEqualTo(BufferedImage.TYPE_USHORT_GRAY);
        short[] raw = ((DataBufferUShort) img.getRaster().getDataBuffer()).getData();
        double[] out = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = (raw[i] & 0xFFFF) / 65535.0;
        }
        return out;
    }
}
