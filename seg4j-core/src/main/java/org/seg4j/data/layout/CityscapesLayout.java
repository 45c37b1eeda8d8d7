package org.seg4j.data.layout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.LabelMask;

/**
 * Cityscapes: {@code leftImg8bit/<split>/<city>/<id>_leftImg8bit.png} with the fine annotations
 * {@code gtFine/<split>/<city>/<id>_gtFine_labelIds.png}. Those masks store the 34 Cityscapes
 * label ids, mapped when read to the 19 evaluated classes (the "train ids" of cityscapesScripts'
 * {@code labels.py}); every other id is void. When a split holds
 * {@code <id>_gtFine_labelTrainIds.png} files instead (what cityscapesScripts and
 * {@code seg4j data convert} write), their values are the class ids already. Sample ids are the
 * file names without the suffix, e.g. {@code aachen_000000_000019}.
 */
public final class CityscapesLayout implements DatasetLayout {

    static final String IMAGES = "leftImg8bit";
    static final String MASKS = "gtFine";
    /** Suffix of image files. */
    public static final String IMAGE_SUFFIX = "_leftImg8bit.png";
    /** Suffix of label-id masks (34 ids). */
    public static final String LABEL_IDS_SUFFIX = "_gtFine_labelIds.png";
    /** Suffix of train-id masks (19 classes, 255 void). */
    public static final String TRAIN_IDS_SUFFIX = "_gtFine_labelTrainIds.png";

    /** Label id to train id for the 19 evaluated classes (cityscapesScripts labels.py). */
    private static final int[][] LABEL_TO_TRAIN = {
        {7, 0}, {8, 1}, {11, 2}, {12, 3}, {13, 4}, {17, 5}, {19, 6}, {20, 7}, {21, 8}, {22, 9}, {23, 10},
        {24, 11}, {25, 12}, {26, 13}, {27, 14}, {28, 15}, {31, 16}, {32, 17}, {33, 18},
    };

    @Override
    public String name() {
        return "cityscapes";
    }

    @Override
    public String description() {
        return "leftImg8bit/<split>/<city>/*_leftImg8bit.png + gtFine/<split>/<city>/*_gtFine_labelIds.png"
                + " (Cityscapes)";
    }

    @Override
    public Optional<String> recognize(Path root) {
        if (Files.isDirectory(root.resolve(IMAGES))) {
            return Optional.of("found leftImg8bit/" + (Files.isDirectory(root.resolve(MASKS)) ? " and gtFine/" : "")
                    + ": Cityscapes layout");
        }
        return Optional.empty();
    }

    @Override
    public List<String> splits(Path root) {
        return ImageListing.subfolders(root.resolve(IMAGES), p -> true);
    }

    @Override
    public List<DatasetEntry> entries(Path root, String split) {
        Path imageDir = root.resolve(IMAGES).resolve(split);
        if (!Files.isDirectory(imageDir)) {
            throw new Seg4jException(root + ": no split '" + split + "' (no leftImg8bit/" + split
                    + "/ folder); available splits: " + String.join(", ", splits(root)));
        }
        Path maskDir = root.resolve(MASKS).resolve(split);
        boolean hasMasks = Files.isDirectory(maskDir);
        String maskSuffix = usesTrainIds(root, split) ? TRAIN_IDS_SUFFIX : LABEL_IDS_SUFFIX;
        List<DatasetEntry> out = new ArrayList<>();
        for (String city : ImageListing.subfolders(imageDir, p -> true)) {
            for (Map.Entry<String, Path> e : ImageListing.byStem(imageDir.resolve(city)).entrySet()) {
                String name = e.getValue().getFileName().toString();
                if (!name.endsWith(IMAGE_SUFFIX)) {
                    continue;
                }
                String id = name.substring(0, name.length() - IMAGE_SUFFIX.length());
                Path mask = hasMasks ? maskDir.resolve(city).resolve(id + maskSuffix) : null;
                out.add(new DatasetEntry(id, e.getValue(), mask));
            }
        }
        out.sort((a, b) -> a.id().compareTo(b.id()));
        return out;
    }

    @Override
    public Optional<ClassMeta> builtInClasses() {
        return Optional.of(classes());
    }

    @Override
    public Optional<int[]> maskValueMap(Path root, String split) {
        return usesTrainIds(root, split) ? Optional.empty() : Optional.of(labelIdMap());
    }

    @Override
    public List<Path> orphanMasks(Path root, String split) {
        Path maskDir = root.resolve(MASKS).resolve(split);
        Path imageDir = root.resolve(IMAGES).resolve(split);
        String suffix = usesTrainIds(root, split) ? TRAIN_IDS_SUFFIX : LABEL_IDS_SUFFIX;
        List<Path> out = new ArrayList<>();
        for (String city : ImageListing.subfolders(maskDir, p -> true)) {
            for (Path mask : ImageListing.byStem(maskDir.resolve(city)).values()) {
                String name = mask.getFileName().toString();
                if (name.endsWith(suffix)) {
                    String id = name.substring(0, name.length() - suffix.length());
                    if (!Files.isRegularFile(imageDir.resolve(city).resolve(id + IMAGE_SUFFIX))) {
                        out.add(mask);
                    }
                }
            }
        }
        return out;
    }

    /** The 256-entry map from Cityscapes label ids to the 19 class ids; other values are void. */
    public static int[] labelIdMap() {
        int[] lut = new int[256];
        Arrays.fill(lut, LabelMask.IGNORE);
        for (int[] m : LABEL_TO_TRAIN) {
            lut[m[0]] = m[1];
        }
        return lut;
    }

    /** Whether the split's masks are train-id files (any one found decides). */
    private static boolean usesTrainIds(Path root, String split) {
        Path maskDir = root.resolve(MASKS).resolve(split);
        for (String city : ImageListing.subfolders(maskDir, p -> true)) {
            for (Path mask : ImageListing.byStem(maskDir.resolve(city)).values()) {
                if (mask.getFileName().toString().endsWith(TRAIN_IDS_SUFFIX)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The 19 evaluated Cityscapes classes with their standard colours; 255 is void. */
    public static ClassMeta classes() {
        String[] names = {"road", "sidewalk", "building", "wall", "fence", "pole", "traffic_light", "traffic_sign",
            "vegetation", "terrain", "sky", "person", "rider", "car", "truck", "bus", "train", "motorcycle",
            "bicycle"};
        int[][] colours = {{128, 64, 128}, {244, 35, 232}, {70, 70, 70}, {102, 102, 156}, {190, 153, 153},
            {153, 153, 153}, {250, 170, 30}, {220, 220, 0}, {107, 142, 35}, {152, 251, 152}, {70, 130, 180},
            {220, 20, 60}, {255, 0, 0}, {0, 0, 142}, {0, 0, 70}, {0, 60, 100}, {0, 80, 100}, {0, 0, 230},
            {119, 11, 32}};
        return ClassMeta.of(names, colours, 255);
    }
}
