package org.seg4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.DatasetOptions;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.convert.CocoImporter;
import org.seg4j.data.convert.DatasetCopier;
import org.seg4j.data.convert.LabelMeImporter;
import org.seg4j.data.convert.LayoutWriter;
import org.seg4j.data.convert.MaskFormat;
import org.seg4j.data.instance.CocoInstanceImporter;
import org.seg4j.data.layout.DatasetLayouts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seg4j data convert}: between layouts and mask encodings, and from COCO or LabelMe polygons. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert a data set to another layout (folder, camvid, voc, cityscapes) and mask format "
                + "(index, palette, color), or import COCO JSON (polygons, RLE; --instances keeps them) or a LabelMe "
                + "folder into index masks.")
final class DataConvertCommand implements Callable<Integer> {

    @Option(names = "--data", description = "Source data set folder (for layout conversion).")
    Path root;

    @Option(names = "--layout", description = "Source layout (detected when omitted).")
    String layout;

    @Option(names = "--coco", description = "Import this COCO annotation file instead (with --images).")
    Path coco;

    @Option(names = "--labelme", description = "Import this folder of LabelMe JSON files instead.")
    Path labelme;

    @Option(names = "--images", description = "COCO: folder holding the images' file_name.")
    Path images;

    @Option(names = "--classes", description = "LabelMe: classes.yaml to use (default: background + labels found).")
    Path classesFile;

    @Option(names = "--split", description = "Splits to convert (default: every split); for imports, the split to "
            + "write (default: train).")
    List<String> splits = new ArrayList<>();

    @Option(names = "--to", required = true, description = "Target layout: folder, camvid, voc or cityscapes.")
    String to;

    @Option(names = "--instances", description = "COCO: keep the instances (folder layout only): background + "
            + "categories as things in masks/, 16-bit instance ids in instances/ beside them.")
    boolean instances;

    @Option(names = "--masks", description = "Mask format: index, palette or color (default: palette for voc, "
            + "index otherwise).")
    String masks;

    @Option(names = "--out", required = true, description = "Output folder (new or empty).")
    Path out;

    @Override
    public Integer call() {
        int sources = (root != null ? 1 : 0) + (coco != null ? 1 : 0) + (labelme != null ? 1 : 0);
        if (sources != 1) {
            throw new Seg4jException("give exactly one source: --data DIR, --coco FILE --images DIR, or --labelme DIR");
        }
        MaskFormat format = masks == null ? null : MaskFormat.parse(masks);
        String split = splits.isEmpty() ? "train" : splits.get(0);
        int n;
        if (coco != null) {
            if (images == null) {
                throw new Seg4jException("--coco needs --images DIR (the folder of the images' file_name)");
            }
            if (instances) {
                if (!DatasetLayouts.byName(to).name().equals("folder")) {
                    throw new Seg4jException("--instances writes the folder layout; use --to folder");
                }
                n = CocoInstanceImporter.importTo(coco, images, out, split);
                System.out.printf("wrote %d samples with instances to %s (folder layout)%n", n, out);
                return 0;
            }
            CocoImporter importer = CocoImporter.read(coco);
            LayoutWriter writer = new LayoutWriter(out, to, importer.classes(), format);
            n = importer.writeTo(writer, images, split);
            writer.finish();
        } else if (labelme != null) {
            LabelMeImporter importer = LabelMeImporter.read(labelme, classesFile == null ? null
                    : ClassMeta.read(classesFile));
            LayoutWriter writer = new LayoutWriter(out, to, importer.classes(), format);
            n = importer.writeTo(writer, split);
            writer.finish();
        } else {
            var l = layout == null ? DatasetLayouts.detect(root).layout() : DatasetLayouts.byName(layout);
            List<String> names = splits.isEmpty() ? l.splits(root) : splits;
            LayoutWriter writer = null;
            n = 0;
            for (String s : names) {
                SegmentationDataset ds = SegmentationDataset.open(root, l.name(), s,
                        DatasetOptions.builder().optRequireMasks(false).build());
                if (writer == null) {
                    writer = new LayoutWriter(out, to, ds.classes(), format);
                }
                n += DatasetCopier.copy(ds, writer, id -> true);
            }
            writer.finish();
        }
        System.out.printf("wrote %d samples to %s (%s layout)%n", n, out, DatasetLayouts.byName(to).name());
        return 0;
    }
}
