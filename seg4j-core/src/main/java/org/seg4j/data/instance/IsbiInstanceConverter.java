package org.seg4j.data.instance;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassInfo;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.ImageFiles;
import org.seg4j.data.LabelMask;
import org.seg4j.data.convert.LayoutWriter;
import org.seg4j.data.convert.MaskFormat;
import org.seg4j.data.layout.FolderLayout;
import org.seg4j.util.Progress;

/**
 * Converts the ISBI 2012 EM stack ({@code image/N.png} slices, {@code label/N.png} masks with 255 =
 * cell interior and 0 = membrane) into the folder layout with instances: {@code images/},
 * {@code masks/} (0 = membrane, a stuff class; 1 = cell, a thing class) and {@code instances/}
 * (16-bit, each cell region its own id). A cell is a 4-connected region of cell pixels (see
 * {@link ConnectedComponents}), as the challenge's evaluation labels them; with 8-connectivity,
 * cells meeting at the corner of a one-pixel diagonal membrane would merge. Any label value other
 * than 0 and 255 is an error naming the file.
 */
public final class IsbiInstanceConverter {

    /** The classes written: membrane (stuff) and cell (thing). */
    public static final ClassMeta CLASSES = new ClassMeta(List.of(new ClassInfo(0, "membrane", 0, 0, 0),
            new ClassInfo(1, "cell", 255, 255, 255, true)), 255);

    private IsbiInstanceConverter() {}

    /**
     * Converts every slice.
     *
     * @param root the ISBI folder (holding {@code image/} and {@code label/})
     * @param out the output folder (new or empty)
     * @param log where progress goes, {@code null} for none
     * @return the number of slices written
     */
    public static int convert(Path root, Path out, PrintStream log) {
        Path images = root.resolve("image");
        Path labels = root.resolve("label");
        if (!Files.isDirectory(images) || !Files.isDirectory(labels)) {
            throw new Seg4jException(root + ": not an ISBI EM folder (needs image/ and label/)");
        }
        List<Path> slices;
        try (Stream<Path> s = Files.list(labels)) {
            slices = s.filter(p -> p.getFileName().toString().endsWith(".png")).sorted().toList();
        } catch (java.io.IOException e) {
            throw new Seg4jException(labels + ": cannot list: " + e.getMessage(), e);
        }
        if (slices.isEmpty()) {
            throw new Seg4jException(labels + ": no PNG label slices");
        }
        LayoutWriter writer = new LayoutWriter(out, "folder", CLASSES, MaskFormat.INDEX);
        try (Progress progress = Progress.create(log, "isbi-instances", "slice", slices.size())) {
            int done = 0;
            for (Path label : slices) {
                String name = label.getFileName().toString();
                Path image = images.resolve(name);
                if (!Files.isRegularFile(image)) {
                    throw new Seg4jException(label + ": no image " + image + " for this label slice");
                }
                String id = name.substring(0, name.length() - 4);
                LabelMask mask = cellMask(label);
                writer.write(FolderLayout.ALL, id, image, mask);
                boolean[] cell = new boolean[mask.data().length];
                for (int i = 0; i < cell.length; i++) {
                    cell[i] = mask.data()[i] == 1;
                }
                int[] instances = ConnectedComponents.label(cell, mask.width(), mask.height());
                InstancePng.writeIds(InstancePng.besideMask(out.resolve("masks").resolve(name)), instances,
                        mask.width(), mask.height());
                progress.step(++done);
            }
        }
        return writer.finish();
    }

    /** The label slice as classes: 0 membrane, 1 cell. */
    static LabelMask cellMask(Path label) {
        var img = ImageFiles.read(label);
        byte[] d = new byte[img.width() * img.height()];
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                int v = img.get(x, y, 0);
                if ((v != 0 && v != 255) || img.get(x, y, 1) != v || img.get(x, y, 2) != v) {
                    throw new Seg4jException(label + ": pixel (" + x + ", " + y + ") has value " + v
                            + "; ISBI labels are 255 (cell) or 0 (membrane)");
                }
                d[y * img.width() + x] = (byte) (v == 255 ? 1 : 0);
            }
        }
        return new LabelMask(img.width(), img.height(), d);
    }
}
