package org.seg4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.seg4j.data.DatasetOptions;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.layout.DatasetLayout;
import org.seg4j.data.quality.DatasetCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code seg4j data validate}: check every image/mask pair; exit status 1 when errors are found. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check every sample: missing partner, size mismatch, unreadable or truncated files, label "
                + "values outside the class list (errors), nearly uniform images, declared classes without pixels, "
                + "mostly void masks (warnings). Prints a summary; "
                + "exit status 1 when there are errors.")
final class DataValidateCommand implements Callable<Integer> {

    @Mixin
    ValidateOptions options;

    @Override
    public Integer call() {
        DatasetLayout l = options.layout();
        List<DatasetCheck> checks = new ArrayList<>();
        for (String split : options.splitNames(l)) {
            SegmentationDataset ds = SegmentationDataset.open(options.root, l.name(), split,
                    DatasetOptions.builder().optCheckFiles(false).build());
            DatasetCheck check = DatasetCheck.run(ds, options.uniformStd, options.maxVoid);
            ValidateOptions.print(check);
            checks.add(check);
        }
        return options.summarize(l, checks);
    }
}
