package org.seg4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Reads the real CamVid copy when the machine has one; skipped otherwise. */
class CamVidDataTest {

    private static Path camvid() {
        Path found = Stream.of(Path.of("../../shared/data/camvid"), Path.of("../shared/data/camvid"), Path.of("/work/shared/data/camvid"))
                .filter(p -> Files.isDirectory(p.resolve("valannot")))
                .findFirst()
                .orElse(null);
        Assumptions.assumeTrue(found != null, "CamVid not present");
        return found;
    }

    @Test
    void valSplitIsCleanAndHasTheExpectedShape() {
        SegmentationDataset ds = SegmentationDataset.open(camvid(), null, "val");
        assertThat(ds.layout().name()).isEqualTo("camvid");
        assertThat(ds.size()).isEqualTo(101);
        Sample s = ds.load(0);
        assertThat(s.image().width()).isEqualTo(480);
        assertThat(s.image().height()).isEqualTo(360);
        assertThat(ds.validate().isClean()).isTrue();
        assertThat(SegmentationDataset.open(camvid(), "camvid", "val").fingerprint()).isEqualTo(ds.fingerprint());

        ClassStatistics stats = ClassStatistics.of(ds);
        int road = ds.classes().idOf("road");
        int bicyclist = ds.classes().idOf("bicyclist");
        assertThat(stats.pixelShare(road)).isGreaterThan(0.15);
        float[] w = stats.medianFrequencyWeights();
        assertThat(w[bicyclist]).isGreaterThan(w[road]);
    }
}
