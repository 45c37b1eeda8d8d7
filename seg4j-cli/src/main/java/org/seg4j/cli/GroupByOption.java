package org.seg4j.cli;

import picocli.CommandLine.Option;

/** {@code --group-by}: how a sample's group is derived, shared by train, cv and eval. */
final class GroupByOption {

    @Option(names = "--group-by", paramLabel = "REGEX|csv:FILE", description = "How a sample's group (a video "
            + "sequence, a patient) is derived: a regular expression with one capture group on the file name, or "
            + "csv:FILE with file,group rows (default for camvid: the sequence, ^([^_]+)_).")
    String spec;
}
