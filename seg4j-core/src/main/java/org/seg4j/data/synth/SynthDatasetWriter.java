package org.seg4j.data.synth;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.data.Sample;
import org.seg4j.util.AtomicFiles;
import org.seg4j.data.instance.InstancePng;

/** Writes generated scenes as PNG pairs into a staged folder and swaps it into place. */
final class SynthDatasetWriter {

    private SynthDatasetWriter() {}

    static SynthSummary write(SyntheticStreetScenes scenes, Path out, int trainCount, int valCount) {
        long start = System.nanoTime();
        Path target = out.toAbsolutePath().normalize();
        checkReplaceable(target);
        Path staged = target.resolveSibling("." + target.getFileName() + ".staging-" + System.nanoTime());
        int n = StreetClasses.meta().numClasses();
        try {
            // Scenes depend only on their index, so writing them in parallel changes nothing.
            long[] pixels = IntStream.range(0, trainCount + valCount).parallel()
                    .mapToObj(i -> writePair(scenes, staged.resolve(i < trainCount ? "train" : "val"), i, n))
                    .reduce(new long[n], SynthDatasetWriter::add);
            ClassMeta meta = scenes.classes();
            meta.write(staged.resolve(ClassMeta.FILE_NAME));
            AtomicFiles.replaceDirectory(staged, target);
            long millis = (System.nanoTime() - start) / 1_000_000;
            return new SynthSummary(target, trainCount, valCount, scenes.height(), scenes.width(), scenes.seed(),
                    pixels, millis);
        } finally {
            try {
                AtomicFiles.deleteRecursively(staged);
            } catch (IOException ignored) {
                // the staging folder is hidden and named as such
            }
        }
    }

    private static void checkReplaceable(Path target) {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new Seg4jException(target + ": exists and is not a folder");
        }
        try (var list = Files.list(target)) {
            if (list.findAny().isPresent() && !Files.exists(target.resolve(ClassMeta.FILE_NAME))) {
                throw new Seg4jException(target + ": folder is not empty and holds no " + ClassMeta.FILE_NAME
                        + "; refusing to replace it, choose an empty or new folder");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + target, e);
        }
    }

    private static long[] writePair(SyntheticStreetScenes scenes, Path split, int index, int n) {
        Sample s = scenes.generate(index);
        String name = s.id() + ".png";
        writePng(split.resolve("images").resolve(name), rgb(s.image()));
        writePng(split.resolve("masks").resolve(name), grey(s.mask()));
        if (s.instances() != null) {
            InstancePng.writeInstances(split.resolve("masks").resolve(name), s.instances(), scenes.classes());
        }
        long[] counts = new long[n];
        for (byte b : s.mask().data()) {
            int v = b & 0xFF;
            if (v < n) {
                counts[v]++;
            }
        }
        return counts;
    }

    private static long[] add(long[] a, long[] b) {
        long[] sum = a.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += b[i];
        }
        return sum;
    }

    static BufferedImage rgb(RgbImage image) {
        BufferedImage img = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        byte[] src = image.data();
        for (int i = 0; i < src.length; i += 3) {
            dst[i] = src[i + 2];
            dst[i + 1] = src[i + 1];
            dst[i + 2] = src[i];
        }
        return img;
    }

    static BufferedImage grey(LabelMask mask) {
        BufferedImage img = new BufferedImage(mask.width(), mask.height(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(mask.data(), 0, dst, 0, dst.length);
        return img;
    }

    private static void writePng(Path file, BufferedImage img) {
        AtomicFiles.write(file, out -> {
            // A memory cache avoids ImageIO's default temporary file per write.
            try (MemoryCacheImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
                if (!ImageIO.write(img, "png", ios)) {
                    throw new IOException("no PNG writer available");
                }
            }
        });
    }
}
