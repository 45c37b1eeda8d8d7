package org.seg4j.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes tiny data sets in each layout for tests. */
public final class DatasetFixtures {

    private DatasetFixtures() {}

    /** An RGB image and a gray index mask (labels cycling 0..3) of the same size and stem. */
    public static void pair(Path imageDir, Path maskDir, String stem, int w, int h) {
        TestImages.rgbPng(imageDir.resolve(stem + ".png"), w, h);
        TestImages.grayPng(maskDir.resolve(stem + ".png"), w, h, 0, 1, 2, 3);
    }

    /** {@code root/images} + {@code root/masks} with the given stems, plus a 4-class classes.yaml. */
    public static Path folder(Path root, String... stems) {
        for (String s : stems) {
            pair(root.resolve("images"), root.resolve("masks"), s, 4, 3);
        }
        fourClasses().write(root.resolve(ClassMeta.FILE_NAME));
        return root;
    }

    /** CamVid layout: {@code train/} + {@code trainannot/} etc. with {@code n} samples each. */
    public static Path camvid(Path root, int n, String... splits) {
        for (String split : splits) {
            for (int i = 0; i < n; i++) {
                pair(root.resolve(split), root.resolve(split + "annot"), split + "_" + i, 4, 3);
            }
        }
        return root;
    }

    /** Pascal VOC layout with JPEG images, palette masks and split lists. */
    public static Path voc(Path root, String[] train, String[] val) {
        Path images = root.resolve("JPEGImages");
        Path masks = root.resolve("SegmentationClass");
        for (String[] ids : new String[][] {train, val}) {
            for (String id : ids) {
                TestImages.writeImageIo(images.resolve(id + ".jpg"),
                        BufferedImages.toBufferedImage(TestImages.gradient(4, 3)), "jpg");
                TestImages.palettePng(masks.resolve(id + ".png"), 4, 3, 0, 15, 255, 20);
            }
        }
        writeList(root, "train", train);
        writeList(root, "val", val);
        return root;
    }

    /**
     * {@code root/images} + {@code root/masks} of binary masks stored as 0 and 255 (the two levels
     * alternate pixel by pixel, 6 of each per 4x3 mask), with {@code classesYaml} as classes.yaml.
     */
    public static Path binaryFolder(Path root, String classesYaml, String... stems) {
        for (String s : stems) {
            TestImages.rgbPng(root.resolve("images").resolve(s + ".png"), 4, 3);
            TestImages.grayPng(root.resolve("masks").resolve(s + ".png"), 4, 3, 0, 255);
        }
        try {
            Files.writeString(root.resolve(ClassMeta.FILE_NAME), classesYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }

    /** The classes.yaml of the 0/255 case as docs/data.md shows it: membrane stored as 0, cell as 255. */
    public static final String BINARY_CLASSES = """
            values: {0: membrane, 255: cell}
            classes:
              - {id: 0, name: membrane, color: [0, 0, 0]}
              - {id: 1, name: cell, color: [255, 255, 255]}
            """;

    /** The same classes without {@code values}, void 254: the 255 pixels are read as void. */
    public static final String BINARY_CLASSES_WITHOUT_VALUES = """
            ignore_index: 254
            classes:
              - {id: 0, name: membrane, color: [0, 0, 0]}
              - {id: 1, name: cell, color: [255, 255, 255]}
            """;

    /** A 4-class list (ids 0..3), void 255. */
    public static ClassMeta fourClasses() {
        return ClassMeta.of(new String[] {"a", "b", "c", "d"},
                new int[][] {{10, 0, 0}, {0, 20, 0}, {0, 0, 30}, {40, 40, 40}}, 255);
    }

    private static void writeList(Path root, String split, String[] ids) {
        try {
            Path dir = Files.createDirectories(root.resolve("ImageSets/Segmentation"));
            Files.writeString(dir.resolve(split + ".txt"), String.join("\n", ids) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
