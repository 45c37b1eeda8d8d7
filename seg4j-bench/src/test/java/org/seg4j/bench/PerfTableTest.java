package org.seg4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;

class PerfTableTest {

    private static SideResult side(String side, long params, double b1Ms, double b8Ms, double trainMs, double rss) {
        return new SideResult(side, "unet", params,
                List.of(new Timing(1, 512, 5, b1Ms, 1000 / b1Ms), new Timing(8, 512, 5, b8Ms, 8000 / b8Ms)),
                new Timing(8, 256, 4, trainMs, 8000 / trainMs), Double.NaN, rss, "v");
    }

    @Test
    void ratiosArePrintedLikeTheIssueAsks() {
        assertThat(PerfTable.ratio(1.234)).isEqualTo("1.23x");
        assertThat(PerfTable.ratio(0.5)).isEqualTo("0.50x");
        assertThat(PerfTable.ratio(12)).isEqualTo("12.00x");
    }

    @Test
    void rowsCompareEachMeasurementWithItsTarget() {
        // seg4j: b1 100 ms (10 img/s), b8 400 ms (20 img/s), train 1000 ms (8 img/s), 900 MiB
        // PyTorch: b1 125 ms (8 img/s), b8 500 ms (16 img/s), train 800 ms (10 img/s), 1000 MiB
        PerfTable t = PerfTable.of(List.of(side("seg4j", 100, 100, 400, 1000, 900)),
                List.of(side("pytorch", 100, 125, 500, 800, 1000)),
                new SideResult("seg4j", null, 0, List.of(), null, 120, 0, ""),
                new SideResult("pytorch", null, 0, List.of(), null, 60, 0, ""));
        List<PerfTable.Row> rows = t.rows();
        assertThat(rows).extracting(PerfTable.Row::label).containsExactly(
                "unet: parameters (incl. BN statistics)",
                "unet: inference 512x512 batch 1, images/s",
                "unet: inference 512x512 batch 1, p50 ms",
                "unet: inference 512x512 batch 8, images/s",
                "unet: inference 512x512 batch 8, p50 ms",
                "unet: training step 256x256 batch 8, images/s",
                "unet: peak resident memory, MiB",
                "loader: CamVid decode + augment, images/s");
        assertThat(rows.get(1).ratio()).isCloseTo(1.25, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(rows.get(3).ratio()).isCloseTo(1.25, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(rows.get(5).ratio()).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-9));
        // b1 1.25 >= 1.0 met; b8 1.25 >= 1.2 met; training 0.80 < 1.0 missed; memory 0.90 <= 1.0 met
        assertThat(t.missedTargets()).isEqualTo(1);
        String md = t.markdown();
        assertThat(md).contains("| unet: inference 512x512 batch 8, images/s | 20.00 | 16.00 | 1.25x | ≥ 1.20x | yes |");
        assertThat(md).contains("| unet: training step 256x256 batch 8, images/s | 8.00 | 10.00 | 0.80x | ≥ 1.00x | **no** |");
        assertThat(md).contains("| unet: parameters (incl. BN statistics) | 100 | 100 | 1.00x | = 1.00x | yes |");
        assertThat(md).contains("| loader: CamVid decode + augment, images/s | 120.0 | 60.0 | 2.00x |  |  |");
    }

    @Test
    void unequalParameterCountsMissTheirTarget() {
        PerfTable t = PerfTable.of(List.of(side("seg4j", 101, 100, 400, 800, 900)),
                List.of(side("pytorch", 100, 100, 400, 800, 1000)), null, null);
        assertThat(t.rows().get(0).target().met(t.rows().get(0).ratio())).isFalse();
        assertThat(t.rows()).noneMatch(r -> r.label().startsWith("loader"));
    }

    @Test
    void targetsAllowOnlyPrintRounding() {
        PerfTable.Target atLeast = new PerfTable.Target(PerfTable.Bound.AT_LEAST, 1.2);
        assertThat(atLeast.met(1.196)).isTrue();
        assertThat(atLeast.met(1.19)).isFalse();
        PerfTable.Target atMost = new PerfTable.Target(PerfTable.Bound.AT_MOST, 1.0);
        assertThat(atMost.met(1.004)).isTrue();
        assertThat(atMost.met(1.01)).isFalse();
    }

    @Test
    void reportSectionIsReplacedAndHandWrittenTextKept() {
        String first = PerfReport.merge(null, PerfReport.BEGIN + "\nold\n" + PerfReport.END + "\n");
        assertThat(first).startsWith("# Performance").contains("old");
        String edited = first + "\n## Levers\nhand-written\n";
        String second = PerfReport.merge(edited, PerfReport.BEGIN + "\nnew\n" + PerfReport.END + "\n");
        assertThat(second).contains("new").doesNotContain("old").contains("## Levers\nhand-written");
        assertThat(PerfReport.merge("# Notes\n", "S\n")).isEqualTo("# Notes\n\nS\n");
    }

    @Test
    void settingsRejectModelsWithoutATwin() {
        assertThatThrownBy(() -> new PerfSettings(List.of("segnet"), 32, 12, 2, 512, List.of(1), 256, 8, 1, 1, 1))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("unet, deeplabv3plus");
        assertThatThrownBy(() -> PerfSettings.parseInts("1,x", "--infer-batches"))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("--infer-batches");
        PerfSettings s = new PerfSettings(List.of("unet"), 32, 12, 2, 512, List.of(1, 8), 256, 8, 1, 3, 2);
        assertThat(s.sideArguments("unet")).containsSequence("--infer-batches", "1,8").containsSequence("--model", "unet");
    }
}
