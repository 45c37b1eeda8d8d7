package org.seg4j.train.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;

class OperatorTimesTest {

    @TempDir
    Path tmp;

    /*
     * In ms (the trace has us): thread 1: conv [0, 100) calls mkldnn [10, 40) and add [50, 60); relu
     * [100, 120) starts as conv ends. Thread 2: conv [5, 35). Self times: conv 100 - 30 - 10 + 30 = 90,
     * mkldnn 30, add 10, relu 20; outermost time 100 + 20 + 30 = 150. Over 2 steps: conv 45 ms, mkldnn
     * 15, relu 10, add 5; total 75.
     */
    private static final String TRACE = """
            {"traceEvents": [
              {"ph": "X", "name": "conv", "tid": 1, "ts": 0, "dur": 100000},
              {"ph": "X", "name": "mkldnn", "tid": 1, "ts": 10000, "dur": 30000},
              {"ph": "X", "name": "add", "tid": 1, "ts": 50000, "dur": 10000},
              {"ph": "X", "name": "relu", "tid": 1, "ts": 100000, "dur": 20000},
              {"ph": "X", "name": "conv", "tid": 2, "ts": 5000, "dur": 30000},
              {"ph": "i", "name": "marker", "tid": 1, "ts": 7000},
              {"ph": "X", "name": "no-duration", "tid": 1, "ts": 7000}
            ]}
            """;

    @Test
    void selfTimesSubtractNestedOperatorsPerThreadAndDivideBySteps() throws Exception {
        Path trace = tmp.resolve("trace.json");
        Files.writeString(trace, TRACE);
        OperatorTimes t = OperatorTimes.read(trace, 2);
        assertThat(t.totalMillis()).isCloseTo(75.0, within(1e-9));
        assertThat(t.operators()).extracting(OperatorTime::name).containsExactly("conv", "mkldnn", "relu", "add");
        OperatorTime conv = t.operators().get(0);
        assertThat(conv.selfMillis()).isCloseTo(45.0, within(1e-9));
        assertThat(conv.calls()).isEqualTo(1.0);
        assertThat(conv.share()).isCloseTo(90.0 / 150, within(1e-12));
        assertThat(t.operators().get(3).selfMillis()).isCloseTo(5.0, within(1e-9));
        double shares = t.operators().stream().mapToDouble(OperatorTime::share).sum();
        assertThat(shares).isCloseTo(1.0, within(1e-12));
        assertThat(t.toMarkdown(2)).contains("75.0 ms per step in profiled operators (2 steps)")
                .contains("| `conv` | 45.0 | 60.0% | 1 |").contains("| `mkldnn` | 15.0 | 20.0% | 1 |").contains("| `mkldnn` |").doesNotContain("relu");
    }

    @Test
    void aBareEventArrayIsATraceToo() throws Exception {
        Path trace = tmp.resolve("array.json");
        Files.writeString(trace, "[{\"ph\": \"X\", \"name\": \"mul\", \"tid\": 0, \"ts\": 3, \"dur\": 4000}]");
        OperatorTimes t = OperatorTimes.read(trace, 1);
        assertThat(t.operators()).containsExactly(new OperatorTime("mul", 4.0, 1.0, 1.0));
    }

    @Test
    void badTracesAndStepCountsAreNamed() throws Exception {
        Path notJson = tmp.resolve("bad.json");
        Files.writeString(notJson, "{ not json");
        assertThatThrownBy(() -> OperatorTimes.read(notJson, 1)).isInstanceOf(Seg4jException.class)
                .hasMessageContaining(notJson.toString());
        Path noEvents = tmp.resolve("other.json");
        Files.writeString(noEvents, "{\"events\": []}");
        assertThatThrownBy(() -> OperatorTimes.read(noEvents, 1)).isInstanceOf(Seg4jException.class)
                .hasMessageContaining("no traceEvents").hasMessageContaining(noEvents.toString());
        assertThatThrownBy(() -> OperatorTimes.of(List.of(), 0)).isInstanceOf(Seg4jException.class)
                .hasMessageContaining("at least 1 step");
    }
}
