package org.seg4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.TestImages;

/** The start of training warns about masks that look misread, as {@code data validate} does. */
class TrainingStartWarningsTest {

    @TempDir
    Path tmp;

    @Test
    void binaryMasksReadAsVoidAreWarnedAboutBeforeTraining() throws Exception {
        Path data = tmp.resolve("data");
        for (String s : new String[] {"a", "b"}) {
            TestImages.rgbPng(data.resolve("images/" + s + ".png"), 16, 16);
            // a quarter membrane (0), the rest 255: read as void without a values map
            TestImages.grayPng(data.resolve("masks/" + s + ".png"), 16, 16, 0, 255, 255, 255);
        }
        Files.writeString(data.resolve(ClassMeta.FILE_NAME), """
                ignore_index: 254
                classes:
                  - {id: 0, name: membrane, color: [0, 0, 0]}
                  - {id: 1, name: cell, color: [255, 255, 255]}
                """);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainConfig config = TrainConfig.fromMap(Map.of("model", "fcn8s", "base_width", 4, "epochs", 1,
                "batch_size", 2, "crop_height", 16, "crop_width", 16, "num_workers", 1), "test");
        TrainingRun.builder()
                .setTrainData(SegmentationDataset.open(data, "folder", "all"))
                .setConfig(config)
                .setOutputDir(tmp.resolve("run"))
                .optLog(new PrintStream(log, true, StandardCharsets.UTF_8))
                .build()
                .fit();
        String text = log.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("seg4j: warning: class cell (id 1) has no pixels in the 2 masks")
                .contains("seg4j: warning: 75.0% of the pixels of the 2 masks are void (more than 50%)")
                .contains("values: {0: membrane, 255: cell}");
    }
}
