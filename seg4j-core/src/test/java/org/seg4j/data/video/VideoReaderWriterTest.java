package org.seg4j.data.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.data.RgbImage;

class VideoReaderWriterTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void needsFfmpeg() {
        assumeTrue(Ffmpeg.isAvailable(), "ffmpeg/ffprobe not installed (apt-get install ffmpeg); .ci/run installs it");
    }

    /** Frame i: left half a colour that changes with i, right half fixed blue. */
    private static RgbImage frame(int i, int w, int h) {
        RgbImage img = RgbImage.blank(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRgb(x, y, x < w / 2 ? ((40 + 20 * i) << 16) | (200 << 8) | 30 : 0x2040E0);
            }
        }
        return img;
    }

    @Test
    void mp4RoundTripKeepsFrameCountSizeAndColours() {
        Path file = dir.resolve("clip.mp4");
        int w = 64;
        int h = 48;
        try (VideoWriter writer = VideoWriter.open(file, w, h, 15)) {
            for (int i = 0; i < 8; i++) {
                writer.write(frame(i, w, h));
            }
            assertThat(writer.framesWritten()).isEqualTo(8);
        }
        assertThat(file).exists();
        assertThat(dir.resolve(".clip.mp4.tmp.mp4")).doesNotExist();
        VideoInfo info = VideoInfo.probe(file);
        assertThat(info.width()).isEqualTo(w);
        assertThat(info.height()).isEqualTo(h);
        assertThat(info.fps()).isCloseTo(15.0, org.assertj.core.data.Offset.offset(0.01));
        try (VideoReader reader = VideoReader.open(file)) {
            int n = 0;
            for (RgbImage f = reader.next(); f != null; f = reader.next()) {
                RgbImage expected = frame(n, w, h);
                // lossy codec and chroma subsampling: compare away from the colour edge
                for (int[] p : new int[][] {{8, 8}, {16, 30}, {48, 8}, {56, 40}}) {
                    for (int c = 0; c < 3; c++) {
                        assertThat(f.get(p[0], p[1], c))
                                .as("frame %d pixel %d,%d channel %d", n, p[0], p[1], c)
                                .isCloseTo(expected.get(p[0], p[1], c), org.assertj.core.data.Offset.offset(12));
                    }
                }
                n++;
            }
            assertThat(n).isEqualTo(8);
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void oddFrameSizeIsPaddedToEven() {
        Path file = dir.resolve("odd.mp4");
        try (VideoWriter writer = VideoWriter.open(file, 33, 21, 10)) {
            writer.write(frame(0, 33, 21));
            writer.write(frame(1, 33, 21));
        }
        VideoInfo info = VideoInfo.probe(file);
        assertThat(info.width()).isEqualTo(34);
        assertThat(info.height()).isEqualTo(22);
    }

    @Test
    void errorsNameTheFile() throws Exception {
        Path garbage = dir.resolve("garbage.mp4");
        Files.writeString(garbage, "not a video");
        assertThatThrownBy(() -> VideoReader.open(garbage))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining(garbage.toString())
                .hasMessageContaining("ffprobe");
        assertThatThrownBy(() -> VideoReader.open(dir.resolve("missing.mp4")))
                .hasMessageContaining("missing.mp4").hasMessageContaining("not found");
        try (VideoWriter writer = VideoWriter.open(dir.resolve("a.mp4"), 8, 8, 5)) {
            assertThatThrownBy(() -> writer.write(RgbImage.blank(4, 4)))
                    .hasMessageContaining("a.mp4").hasMessageContaining("4x4");
            writer.write(RgbImage.blank(8, 8));
        }
        assertThatThrownBy(() -> VideoWriter.open(dir.resolve("noext"), 8, 8, 5).close())
                .hasMessageContaining("extension");
    }

    @Test
    void missingFfmpegSaysHowToInstallIt() {
        String old = System.getProperty("seg4j.ffmpeg.dir");
        try {
            System.setProperty("seg4j.ffmpeg.dir", dir.toString());
            assertThatThrownBy(() -> Ffmpeg.tool("no-such-ffmpeg-tool"))
                    .hasMessageContaining("no-such-ffmpeg-tool not found")
                    .hasMessageContaining("apt-get install ffmpeg");
        } finally {
            if (old == null) {
                System.clearProperty("seg4j.ffmpeg.dir");
            } else {
                System.setProperty("seg4j.ffmpeg.dir", old);
            }
        }
    }
}
