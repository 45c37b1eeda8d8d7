package org.seg4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.seg4j.train.loader.BatchLoader;
import org.seg4j.train.loader.PatternSource;

class LoaderBenchmarkTest {

    @Test
    void measuresAPositiveRateAcrossEpochBoundaries() {
        try (BatchLoader l = BatchLoader.builder().setSource(new PatternSource(10)).setBatchSize(4).optWorkers(2)
                .build()) {
            // 3 batches per epoch, so 7 batches after the warm-up one cross two epoch boundaries.
            double rate = LoaderBenchmark.imagesPerSecond(l, 7);
            assertThat(rate).isPositive().isFinite();
        }
        assertThatThrownBy(() -> LoaderBenchmark.imagesPerSecond(null, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
