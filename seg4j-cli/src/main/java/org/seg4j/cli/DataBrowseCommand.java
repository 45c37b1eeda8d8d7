package org.seg4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seg4j.data.PngFiles;
import org.seg4j.data.Sample;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.train.AugmentationPreview;
import org.seg4j.train.TrainConfig;
import org.seg4j.train.cv.GroupSplit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seg4j data browse}: a picture of the crops the training loader makes. */
@Command(name = "browse", mixinStandardHelpOptions = true,
        description = "Draw what training sees: the first batches of an epoch as the training loader of --config "
                + "makes them (scale, crop, flip, photometric changes, copy-paste), each crop above its label, "
                + "in one PNG.")
final class DataBrowseCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Option(names = "--config", description = "YAML training configuration whose augmentation to show "
            + "(default: the built-in defaults).")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Any configuration key, e.g. --set "
            + "copy_paste=0.5.")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--split", defaultValue = "train", description = "Split (default: ${DEFAULT-VALUE}); the "
            + "configuration's val_groups are left out of it, as in training.")
    String split;

    @Option(names = "--batches", defaultValue = "2", description = "Batches shown (default: ${DEFAULT-VALUE}).")
    int batches;

    @Option(names = "--epoch", defaultValue = "0", description = "Epoch whose batches are shown "
            + "(default: ${DEFAULT-VALUE}).")
    int epoch;

    @Option(names = "--out", required = true, description = "PNG file to write.")
    Path out;

    @Override
    public Integer call() {
        TrainConfig base = config == null ? TrainConfig.defaults() : TrainConfig.read(config);
        TrainConfig cfg = base.toBuilder().optValues(set).build();
        SegmentationDataset all = data.open(split, null, true);
        SegmentationDataset train = GroupSplit.of(all, () -> null, cfg).train();
        AugmentationPreview preview = AugmentationPreview.builder().setSource(train).setConfig(cfg)
                .optEpoch(epoch).optBatches(batches).build();
        List<List<Sample>> shown = preview.batches();
        PngFiles.write(out, preview.render(shown));
        int crops = shown.stream().mapToInt(List::size).sum();
        Sample first = shown.get(0).get(0);
        System.out.printf(Locale.ROOT, "%d crops of %dx%d (%d batches of epoch %d, %d training images): %s%n", crops,
                first.image().width(), first.image().height(), shown.size(), epoch, train.size(), out);
        return 0;
    }
}
