package org.seg4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CvCompareCommandTest {

    @TempDir
    Path tmp;

    private Path cv(String name, String a, String b) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("cv.json"), "{\"folds\":[{\"fold\":\"A\",\"steps\":300,\"mIoU\":" + a
                + "},{\"fold\":\"B\",\"steps\":300,\"mIoU\":" + b + "}]}");
        return dir;
    }

    @Test
    void printsAndWritesTheTableAndNamesAMissingSummary() throws Exception {
        Path base = cv("base", "0.30", "0.40");
        Path cand = cv("cand", "0.35", "0.38");
        Path md = tmp.resolve("compare.md");
        Path png = tmp.resolve("compare.png");
        CliRunner.Run r = CliRunner.run("cv-compare", base.toString(), cand.toString(), "--out", md.toString(),
                "--chart", png.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("| 1 | `cand` | nothing | 35.0% (+5.0) | 38.0% (-2.0) | 36.5% ± 2.1 | +1.5 | 1 of 2 |");
        assertThat(md).content().isEqualTo(r.out());
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isGreaterThanOrEqualTo(640);
        assertThat(image.getHeight()).isEqualTo(420);

        CliRunner.Run missing = CliRunner.run("cv-compare", base.toString(), tmp.resolve("nope").toString());
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.err()).contains(tmp.resolve("nope").resolve("cv.json") + ": not found");
    }
}
