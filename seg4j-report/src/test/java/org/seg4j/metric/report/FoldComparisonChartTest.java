package org.seg4j.metric.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;

class FoldComparisonChartTest {

    @Test
    void oneSeriesPerRunWithEachFoldAndTheMeanInPercent() {
        Map<String, double[]> runs = new LinkedHashMap<>();
        runs.put("base", new double[] {0.30, 0.36, 0.32});
        runs.put("cand", new double[] {0.34, Double.NaN, 0.33});
        CategoryChart chart = FoldComparisonChart.chart(List.of("A", "B", "C"), runs);
        assertThat(chart.getSeriesMap()).containsOnlyKeys("base", "cand");
        List<Number> base = new ArrayList<>(chart.getSeriesMap().get("base").getYData());
        assertThat(base).hasSize(4);
        assertThat(base.get(3).doubleValue()).isCloseTo(32.667, within(1e-3));
        List<Number> cand = new ArrayList<>(chart.getSeriesMap().get("cand").getYData());
        assertThat(cand.get(1).doubleValue()).as("an undefined fold draws no bar").isZero();
        assertThat(cand.get(3).doubleValue()).as("and is left out of the mean").isCloseTo(33.5, within(1e-9));
        assertThat(new ArrayList<Object>(chart.getSeriesMap().get("base").getXData())).containsExactly("A", "B", "C", "mean");
    }

    @Test
    void aRunWithTheWrongNumberOfFoldsIsAnError() {
        assertThatThrownBy(() -> FoldComparisonChart.chart(List.of("A", "B"), Map.of("x", new double[] {0.1})))
                .hasMessageContaining("x: 1 values for 2 folds");
    }
}
