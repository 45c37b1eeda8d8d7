package com.example.embed;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.seg4j.SegmentationResult;
import org.seg4j.Segmenter;

/**
 * Segments one image with a seg4j model directory and writes the colour mask next to it.
 *
 * <pre>java -Dai.djl.offline=true -cp ... com.example.embed.SegmentImage MODEL_DIR IMAGE OUT.png</pre>
 */
public final class SegmentImage {

    private SegmentImage() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: SegmentImage MODEL_DIR IMAGE OUT.png");
            System.exit(2);
        }
        BufferedImage image = ImageIO.read(Path.of(args[1]).toFile());
        if (image == null) {
            throw new IOException(args[1] + ": not an image ImageIO can read");
        }
        try (Segmenter segmenter = Segmenter.load(Path.of(args[0]))) {
            SegmentationResult result = segmenter.segment(image);
            ImageIO.write(result.colorMask(), "png", Path.of(args[2]).toFile());
            result.classShares().forEach(s -> System.out.printf("%-12s %6.2f%%%n", s.name(), 100 * s.share()));
        }
    }
}
