package org.seg4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.seg4j.data.instance.IsbiInstanceConverter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seg4j data isbi-instances}: the ISBI 2012 EM stack as instance annotations. */
@Command(name = "isbi-instances", mixinStandardHelpOptions = true,
        description = "Convert the ISBI 2012 EM stack (image/, label/ with 255 = cell, 0 = membrane) into the folder "
                + "layout with instances: masks/ (membrane = stuff, cell = thing) and 16-bit instances/ where each "
                + "4-connected cell region is one instance.")
final class DataIsbiInstancesCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, description = "The ISBI folder (holding image/ and label/).")
    Path root;

    @Option(names = "--out", required = true, description = "Output folder (new or empty).")
    Path out;

    @Override
    public Integer call() {
        int n = IsbiInstanceConverter.convert(root, out, System.err);
        System.out.printf("wrote %d slices with cell instances to %s (folder layout + instances/)%n", n, out);
        return 0;
    }
}
