package org.seg4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.seg4j.data.layout.DatasetLayout;
import org.seg4j.data.quality.DatasetCheck;
import org.seg4j.spark.data.DistributedValidation;
import org.seg4j.spark.data.SplitRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code seg4j spark validate}: {@code data validate} as a Spark job; the same findings. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "data validate as a Spark job: bad files (errors) and suspicious ones (warnings), listed as "
                + "seg4j data validate lists them; exit status 1 when there are errors.")
final class SparkValidateCommand implements Callable<Integer> {

    @Mixin
    ValidateOptions options;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() {
        DatasetLayout l = options.layout();
        List<String> names = options.splitNames(l);
        SparkSession session = spark.session("validate");
        try {
            List<DatasetCheck> checks = new ArrayList<>();
            for (String split : names) {
                DatasetCheck check = DistributedValidation.check(session, SplitRef.open(options.root, l.name(), split),
                        options.uniformStd, options.maxVoid, spark.tasks(session));
                ValidateOptions.print(check);
                checks.add(check);
            }
            return options.summarize(l, checks);
        } finally {
            session.stop();
        }
    }
}
