package org.seg4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.PngFiles;
import org.seg4j.data.instance.InstancePng;

/** {@code seg4j data isbi-instances} on a generated two-cell slice. */
class DataIsbiInstancesCommandTest {

    @TempDir
    Path tmp;

    @Test
    void writesTheFolderLayoutWithInstances() {
        BufferedImage label = new BufferedImage(5, 3, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 5; x++) {
                label.getRaster().setSample(x, y, 0, x == 2 ? 0 : 255); // a membrane column between two cells
            }
        }
        PngFiles.write(tmp.resolve("isbi/label/0.png"), label);
        PngFiles.write(tmp.resolve("isbi/image/0.png"), label);
        CliRunner.Run r = CliRunner.run("data", "isbi-instances", "--data", tmp.resolve("isbi").toString(), "--out",
                tmp.resolve("out").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote 1 slices");
        assertThat(InstancePng.readIds(tmp.resolve("out/instances/0.png"))).containsExactly(1, 1, 0, 2, 2, 1, 1, 0,
                2, 2, 1, 1, 0, 2, 2);
        CliRunner.Run validate = CliRunner.run("data", "validate", "--data", tmp.resolve("out").toString());
        assertThat(validate.exitCode()).as(validate.out()).isZero();

        CliRunner.Run bad = CliRunner.run("data", "isbi-instances", "--data", tmp.toString(), "--out",
                tmp.resolve("out2").toString());
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("not an ISBI EM folder");
    }
}
