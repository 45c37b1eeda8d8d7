package org.seg4j.spark;

import org.apache.spark.sql.SparkSession;

/**
 * The tests' Spark: {@code local[2]}, bound to the loopback interface, no UI, few shuffle
 * partitions. One session serves every test class of the JVM (starting one costs seconds).
 */
public final class LocalSpark {

    private static SparkSession session;

    private LocalSpark() {}

    public static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("seg4j-spark tests")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .getOrCreate();
        }
        return session;
    }
}
