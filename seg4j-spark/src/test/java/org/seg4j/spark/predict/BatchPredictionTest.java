package org.seg4j.spark.predict;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Segmenter;
import org.seg4j.SegmentationResult;
import org.seg4j.data.BufferedImages;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.Images;
import org.seg4j.infer.TestModels;
import org.seg4j.spark.LocalSpark;
import org.seg4j.spark.ModelSource;

class BatchPredictionTest {

    @TempDir
    static Path dir;

    static Path model;
    static Path input;

    @BeforeAll
    static void setUp() throws IOException {
        model = TestModels.saveModel(dir.resolve("model"), TestModels.POINTWISE, 32, 1.0);
        input = dir.resolve("images");
        Files.createDirectories(input.resolve("sub/deeper"));
        write(input.resolve("a.png"), TestModels.randomImage(40, 30, 1));
        write(input.resolve("sub/b.png"), TestModels.randomImage(33, 21, 2));
        write(input.resolve("sub/deeper/c.png"), TestModels.randomImage(17, 50, 3));
        write(input.resolve("sub/big.png"), TestModels.randomImage(120, 100, 4));
        Files.write(input.resolve("sub/broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Files.writeString(input.resolve("notes.txt"), "not an image");
    }

    static void write(Path file, RgbImage image) throws IOException {
        Files.write(file, Images.encodePng(BufferedImages.toBufferedImage(image)));
    }

    @Test
    void writesOneRowPerImageWithMasksEqualToTheSingleMachinePrediction() throws IOException {
        SparkSession spark = LocalSpark.session();
        Path out = dir.resolve("out.parquet");
        BatchPrediction.Summary summary = BatchPrediction.builder()
                .setSpark(spark).setModel(ModelSource.ship(spark, model))
                .setInput(input).setOutput(out)
                .optMaxPixels(100 * 100).optPartitions(3).optThreads(1)
                .optColorDir(dir.resolve("colors").toString())
                .build().run();

        assertThat(summary.images()).isEqualTo(5);
        assertThat(summary.failed()).isEqualTo(2);
        List<Row> rows = spark.read().parquet(out.toString()).collectAsList();
        Map<String, Row> byName = rows.stream()
                .collect(Collectors.toMap(r -> Path.of(r.<String>getAs("path").substring(5)).getFileName().toString(), r -> r));
        assertThat(byName).containsOnlyKeys("a.png", "b.png", "c.png", "big.png", "broken.png");
        assertThat(byName.get("big.png").<String>getAs("error")).contains("over the limit");
        assertThat(byName.get("broken.png").<String>getAs("error")).contains("broken.png");
        assertThat(byName.get("broken.png").<Object>getAs("mask")).isNull();

        try (Segmenter segmenter = Segmenter.load(model)) {
            for (String name : List.of("a.png", "b.png", "c.png")) {
                Row row = byName.get(name);
                assertThat(row.<String>getAs("error")).isNull();
                Path file = Files.walk(input).filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow();
                SegmentationResult expected = segmenter.segment(file);
                assertThat(row.<Integer>getAs("width")).isEqualTo(expected.mask().width());
                assertThat(row.<Integer>getAs("height")).isEqualTo(expected.mask().height());
                assertThat(decodeMask(row.getAs("mask"))).isEqualTo(expected.mask().data());
                scala.collection.Map<String, Double> shares = row.getAs("shares");
                expected.shares().forEach((cls, share) -> assertThat(shares.apply(cls)).isEqualTo(share));
                assertThat(row.<String>getAs("color_path")).endsWith("_png_color.png");
            }
        }
        assertThat(dir.resolve("colors/sub/deeper/c_png_color.png")).isRegularFile();
        assertThat(dir.resolve("colors/a_png_color.png")).isRegularFile();
    }

    @Test
    void globFiltersFileNames() {
        SparkSession spark = LocalSpark.session();
        long n = BatchPrediction.builder().setSpark(spark).setModel(ModelSource.shared(model))
                .setInput(input).setOutput(dir.resolve("unused")).optGlob("c.png").build().files().count();
        assertThat(n).isEqualTo(1);
    }

    @Test
    void colourMaskNamesMirrorTheInputTree() {
        assertThat(PredictPartition.colorName("file:/data/in", "file:/data/in/x/y/img.jpg")).isEqualTo("x/y/img_jpg_color.png");
        assertThat(PredictPartition.colorName("file:/data/in/", "file:/data/in/img.png")).isEqualTo("img_png_color.png");
    }

    private static byte[] decodeMask(byte[] png) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] v = image.getRaster().getPixels(0, 0, image.getWidth(), image.getHeight(), (int[]) null);
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }
}
