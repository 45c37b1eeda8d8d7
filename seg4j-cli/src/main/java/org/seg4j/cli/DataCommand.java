package org.seg4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code seg4j data}: data preparation before training. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Prepare data: validate, stats, sharpness, filter, convert, boxes, isbi-instances, browse.",
        subcommands = {
            DataValidateCommand.class,
            DataStatsCommand.class,
            DataSharpnessCommand.class,
            DataFilterCommand.class,
            DataConvertCommand.class,
            DataBoxesCommand.class,
            DataIsbiInstancesCommand.class,
            DataBrowseCommand.class,
        })
final class DataCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
