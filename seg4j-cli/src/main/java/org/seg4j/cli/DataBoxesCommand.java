package org.seg4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.seg4j.data.LabelMask;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.boxes.Box;
import org.seg4j.data.boxes.BoxLabels;
import org.seg4j.data.boxes.MaskBoxes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seg4j data boxes}: derive box labels from masks, for box-supervision experiments. */
@Command(name = "boxes", mixinStandardHelpOptions = true,
        description = "Write the bounding boxes of a split's masks (one box per 8-connected component of "
                + "each class) as a box-label file for train --box-labels.")
final class DataBoxesCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Option(names = "--split", defaultValue = "train", description = "Split (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--out", required = true, description = "Box-label file to write (JSON).")
    Path out;

    @Option(names = "--min-area", defaultValue = "16",
            description = "Drop components smaller than this many pixels (default: ${DEFAULT-VALUE}).")
    int minArea;

    @Override
    public Integer call() {
        SegmentationDataset ds = data.open(split, null);
        int n = ds.classes().numClasses();
        List<BoxLabels.ImageBoxes> perImage = IntStream.range(0, ds.size()).parallel()
                .mapToObj(i -> {
                    LabelMask m = ds.loadMask(i);
                    List<Box> boxes = MaskBoxes.of(m, n, minArea);
                    return new BoxLabels.ImageBoxes(m.width(), m.height(), boxes);
                })
                .toList();
        Map<String, BoxLabels.ImageBoxes> images = new LinkedHashMap<>();
        for (int i = 0; i < ds.size(); i++) {
            images.put(ds.id(i), perImage.get(i));
        }
        BoxLabels labels = new BoxLabels(ds.classes().names(), images);
        labels.write(out);
        System.out.printf("wrote %d boxes for %d images of %s/%s to %s%n", labels.boxCount(), images.size(),
                data.root, split, out);
        return 0;
    }
}
