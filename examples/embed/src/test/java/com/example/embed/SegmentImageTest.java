package com.example.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.ClassMeta;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;

/** Builds a small untrained model directory with seg4j-core's API, then runs the example on it. */
class SegmentImageTest {

    @TempDir
    Path tmp;

    @Test
    void segmentsAnImageWithAModelDirectory() throws Exception {
        Path model = tmp.resolve("model");
        ModelSpec spec = ModelSpec.of("fastscnn", 3);
        ClassMeta classes = ClassMeta.of(new String[] {"sky", "road", "car"},
                new int[][] {{70, 130, 180}, {128, 64, 128}, {0, 0, 142}}, 255);
        var pre = new ModelManifest.Preprocessing(64, 64, new float[] {0.485f, 0.456f, 0.406f},
                new float[] {0.229f, 0.224f, 0.225f}, 1.0);
        var prov = new ModelManifest.Provenance("example", "0.35.1", "2.7.1", "", 1, "", "2026-01-01T00:00:00Z",
                Map.of());
        ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT_VERSION, spec, classes, pre, prov, Map.of());
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = ModelRegistry.create(spec);
            ModelDirectory.initialize(block, manager, 64, 64);
            ModelDirectory.save(model, manifest, block);
        }
        BufferedImage photo = new BufferedImage(96, 72, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 72; y++) {
            for (int x = 0; x < 96; x++) {
                photo.setRGB(x, y, y < 36 ? 0x4682b4 : 0x804080);
            }
        }
        Path in = tmp.resolve("photo.png");
        ImageIO.write(photo, "png", in.toFile());
        Path out = tmp.resolve("mask.png");

        SegmentImage.main(new String[] {model.toString(), in.toString(), out.toString()});

        BufferedImage mask = ImageIO.read(out.toFile());
        assertNotNull(mask, "the example wrote no PNG");
        assertEquals(96, mask.getWidth());
        assertEquals(72, mask.getHeight());
        assertEquals(true, Files.size(out) > 0);
    }
}
