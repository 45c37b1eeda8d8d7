package org.seg4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;

class ResultLineTest {

    /** A line as bench/perf_pytorch.py prints it (spaces after separators, extra keys). */
    private static final String PYTHON_OUTPUT = "some warning from torch\n"
            + "PERF_RESULT {\"side\": \"pytorch\", \"torch\": \"1.13.0a0\", \"python\": \"3.11.2\", \"threads\": 2, "
            + "\"model\": \"unet\", \"parameters\": 493444, \"inference\": [{\"batch\": 1, \"size\": 64, \"runs\": 2, "
            + "\"p50_ms\": 303.5, \"images_per_s\": 3.29}, {\"batch\": 8, \"size\": 64, \"runs\": 2, \"p50_ms\": 441.0, "
            + "\"images_per_s\": 18.1}], \"training\": {\"batch\": 8, \"size\": 64, \"runs\": 1, \"p50_ms\": 2495.8, "
            + "\"images_per_s\": 3.2}, \"peak_rss_mb\": 297.5}\n";

    @Test
    void parsesThePythonSidesLine() {
        SideResult r = ResultLine.parse(PYTHON_OUTPUT, "PyTorch unet");
        assertThat(r.side()).isEqualTo("pytorch");
        assertThat(r.model()).isEqualTo("unet");
        assertThat(r.parameters()).isEqualTo(493444);
        assertThat(r.inference()).hasSize(2);
        assertThat(r.inferenceAt(8).p50Millis()).isEqualTo(441.0);
        assertThat(r.inferenceAt(2)).isNull();
        assertThat(r.training().imagesPerSecond()).isEqualTo(3.2);
        assertThat(r.peakRssMb()).isEqualTo(297.5);
        assertThat(r.version()).isEqualTo("1.13.0a0");
        assertThat(r.loaderImagesPerSecond()).isNaN();
    }

    @Test
    void formatAndParseRoundTrip() {
        SideResult r = new SideResult("seg4j", "deeplabv3plus", 12353532,
                List.of(Timing.of(1, 512, new double[] {30, 10, 20}), Timing.of(8, 512, new double[] {100, 200})),
                Timing.of(8, 256, new double[] {400}), Double.NaN, 812.25, "libtorch 2.7.1");
        SideResult back = ResultLine.parse("noise\n" + ResultLine.format(r) + "\n", "seg4j");
        assertThat(back).isEqualTo(r);
        assertThat(back.inferenceAt(1).p50Millis()).isEqualTo(20);
        assertThat(back.inferenceAt(8).p50Millis()).isEqualTo(150);
        assertThat(back.inferenceAt(8).imagesPerSecond()).isCloseTo(8000.0 / 150, org.assertj.core.data.Offset.offset(1e-9));

        SideResult loader = new SideResult("seg4j", null, 0, List.of(), null, 95.5, 300, "");
        assertThat(ResultLine.parse(ResultLine.format(loader), "loader").loaderImagesPerSecond()).isEqualTo(95.5);
    }

    @Test
    void missingOrBrokenLinesAreClearErrors() {
        assertThatThrownBy(() -> ResultLine.parse("Traceback: ImportError: no torch\n", "PyTorch unet"))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("PyTorch unet printed no PERF_RESULT line")
                .hasMessageContaining("ImportError");
        assertThatThrownBy(() -> ResultLine.parse("PERF_RESULT {\"side\": \"pytorch\", ", "PyTorch unet"))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("malformed");
        assertThatThrownBy(() -> ResultLine.parse("PERF_RESULT {\"side\": \"pytorch\"}", "PyTorch unet"))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("peak_rss_mb");
    }

    @Test
    void vmHwmIsReadInMebibytes() {
        String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  524288 kB\nVmRSS:\t 1000 kB\n";
        assertThat(ProcessMemory.parseVmHwm(status)).isEqualTo(512.0);
        assertThat(ProcessMemory.peakRssMb()).isGreaterThan(1.0);
    }

    @Test
    void classMapTakesTheFirstHighestScore() {
        // 2 images, 3 classes, 2 pixels: scores[b][c][p]
        float[] scores = {
            0, 5, /* c1 */ 1, 5, /* c2 */ 1, 2,
            9, 0, /* c1 */ 0, 0, /* c2 */ 0, 1};
        assertThat(ClassMaps.argmax(scores, 2, 3, 2)).containsExactly(1, 0, 0, 2);
        java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(scores.length * 4)
                .order(java.nio.ByteOrder.nativeOrder());
        direct.asFloatBuffer().put(scores);
        assertThat(ClassMaps.argmax(direct, 2, 3, 2, new float[4])).containsExactly(1, 0, 0, 2);
        assertThatThrownBy(() -> ClassMaps.argmax(scores, 2, 3, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
