package org.seg4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.TestImages;

/**
 * The start of training warns about masks that look misread, as {@code data validate} does, and
 * about dilated convolutions that cannot reach inside their input at the crop size.
 */
class TrainingStartWarningsTest {

    @TempDir
    Path tmp;

    @Test
    void binaryMasksReadAsVoidAreWarnedAboutBeforeTraining() throws Exception {
        // a quarter membrane (0), the rest 255: read as void without a values map
        Path data = twoImages(16, new int[] {0, 255, 255, 255}, """
                ignore_index: 254
                classes:
                  - {id: 0, name: membrane, color: [0, 0, 0]}
                  - {id: 1, name: cell, color: [255, 255, 255]}
                """);
        String text = train(data, "run", Map.of("model", "fcn8s", "crop_height", 16, "crop_width", 16));
        assertThat(text).contains("seg4j: warning: class cell (id 1) has no pixels in the 2 masks")
                .contains("seg4j: warning: 75.0% of the pixels of the 2 masks are void (more than 50%)")
                .contains("values: {0: membrane, 255: cell}");
    }

    @Test
    void dilationsThatReachPastTheCropsFeatureMapAreWarnedAbout() throws Exception {
        Path data = twoImages(32, new int[] {0, 1, 1, 0}, """
                classes:
                  - {id: 0, name: background, color: [0, 0, 0]}
                  - {id: 1, name: object, color: [255, 255, 255]}
                """);
        Map<String, Object> deeplab = Map.of("model", "deeplabv3", "crop_height", 32, "crop_width", 32);
        // output stride 16 on 32x32 crops: a 2x2 map, where DeepLab's rates 6, 12, 18 read only padding, and
        // so do the two dilated 3x3 convolutions of ResNet's last stage
        assertThat(train(data, "default", deeplab))
                .contains("warning: at 32x32 inputs, taps of 5 dilated convolutions read only padding: ")
                .contains("decoder.aspp.rate6.Conv2d (dilation 6 on 2x2: 8 of 9 taps)")
                .contains("Keep dilations below 2");
        Map<String, Object> undilated = new HashMap<>(deeplab);
        undilated.put("model_options", Map.of("atrous_rates", "1,1,1", "output_stride", "32"));
        assertThat(train(data, "undilated", undilated)).doesNotContain("read only padding");
    }

    /** Two gradient images of {@code size x size} with masks of {@code maskValues}, and a class list. */
    private Path twoImages(int size, int[] maskValues, String classesYaml) throws IOException {
        Path data = tmp.resolve("data");
        for (String s : new String[] {"a", "b"}) {
            TestImages.rgbPng(data.resolve("images/" + s + ".png"), size, size);
            TestImages.grayPng(data.resolve("masks/" + s + ".png"), size, size, maskValues);
        }
        Files.writeString(data.resolve(ClassMeta.FILE_NAME), classesYaml);
        return data;
    }

    /** One epoch of one batch with {@code settings} on top of a tiny base; returns the log. */
    private String train(Path data, String name, Map<String, Object> settings) {
        Map<String, Object> values = new HashMap<>(Map.of("base_width", 4, "epochs", 1, "batch_size", 2,
                "num_workers", 1));
        values.putAll(settings);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TrainingRun.builder()
                .setTrainData(SegmentationDataset.open(data, "folder", "all"))
                .setConfig(TrainConfig.fromMap(values, "test"))
                .setOutputDir(tmp.resolve(name))
                .optLog(new PrintStream(log, true, StandardCharsets.UTF_8))
                .build()
                .fit();
        return log.toString(StandardCharsets.UTF_8);
    }
}
