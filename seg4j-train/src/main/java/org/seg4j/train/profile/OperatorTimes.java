package org.seg4j.train.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seg4j.Seg4jException;

/**
 * The operators of a libtorch profiler trace (Chrome trace format: complete events {@code "ph":
 * "X"} with {@code ts} and {@code dur} in microseconds), summed by self time.
 *
 * <p>An event's self time is its duration less that of the events nested in it on the same thread
 * (an operator that calls others, such as {@code aten::convolution} calling {@code
 * aten::mkldnn_convolution}, keeps only its own part), so the self times add up to the time of
 * the outermost events.
 *
 * @param operators every operator, largest self time first
 * @param totalMillis the outermost events' time per step
 * @param steps the number of steps the trace holds (every figure is divided by it)
 */
public record OperatorTimes(List<OperatorTime> operators, double totalMillis, int steps) {

    public OperatorTimes {
        operators = List.copyOf(operators);
    }

    /** Reads {@code trace}, which holds {@code steps} steps. */
    public static OperatorTimes read(Path trace, int steps) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(trace.toFile());
        } catch (IOException e) {
            throw new Seg4jException("cannot read the profiler trace " + trace + ": " + e.getMessage(), e);
        }
        JsonNode events = root == null ? null : root.isArray() ? root : root.get("traceEvents");
        if (events == null || !events.isArray()) {
            throw new Seg4jException("the profiler trace " + trace + " is not a Chrome trace: it has no traceEvents");
        }
        List<Event> complete = new ArrayList<>();
        for (JsonNode e : events) {
            if ("X".equals(e.path("ph").asText()) && e.has("dur") && e.has("ts") && e.has("name")) {
                complete.add(new Event(e.get("name").asText(), e.path("tid").asText(""), e.get("ts").asDouble(),
                        e.get("dur").asDouble()));
            }
        }
        return of(complete, steps);
    }

    /** One complete event of a trace: an operator's call on a thread, in microseconds. */
    record Event(String name, String thread, double start, double duration) {}

    /** Sums {@code events}, which span {@code steps} steps. */
    static OperatorTimes of(List<Event> events, int steps) {
        if (steps < 1) {
            throw new Seg4jException("a profile summary needs at least 1 step, got " + steps);
        }
        Map<String, List<Event>> byThread = new LinkedHashMap<>();
        for (Event e : events) {
            byThread.computeIfAbsent(e.thread(), t -> new ArrayList<>()).add(e);
        }
        Map<String, double[]> sums = new HashMap<>();
        double total = 0;
        for (List<Event> thread : byThread.values()) {
            thread.sort(Comparator.comparingDouble(Event::start).thenComparing(Event::duration, Comparator.reverseOrder()));
            Deque<Open> open = new ArrayDeque<>(); // the events enclosing the current one, innermost first
            for (Event e : thread) {
                while (!open.isEmpty() && open.peek().end <= e.start()) {
                    open.pop().addTo(sums);
                }
                if (open.isEmpty()) {
                    total += e.duration();
                } else {
                    open.peek().self -= e.duration();
                }
                open.push(new Open(e));
            }
            while (!open.isEmpty()) {
                open.pop().addTo(sums);
            }
        }
        double all = total;
        List<OperatorTime> ops = new ArrayList<>();
        sums.forEach((name, s) -> ops.add(new OperatorTime(name, s[0] / 1000 / steps, s[1] / steps,
                all > 0 ? s[0] / all : 0)));
        ops.sort(Comparator.comparingDouble(OperatorTime::selfMillis).reversed().thenComparing(OperatorTime::name));
        return new OperatorTimes(ops, total / 1000 / steps, steps);
    }

    /** An event whose nested events are still being subtracted from its self time. */
    private static final class Open {
        final String name;
        final double end;
        double self;

        Open(Event e) {
            this.name = e.name();
            this.end = e.start() + e.duration();
            this.self = e.duration();
        }

        /** Adds this event's self time and one call to its operator's {@code {self, calls}}. */
        void addTo(Map<String, double[]> sums) {
            double[] s = sums.computeIfAbsent(name, n -> new double[2]);
            s[0] += self;
            s[1] += 1;
        }
    }

    /** The {@code top} largest operators as a Markdown table, under a line with the total. */
    public String toMarkdown(int top) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "%.1f ms per step in profiled operators (%d step%s)%n%n", totalMillis, steps, steps == 1 ? "" : "s"));
        sb.append("| operator | self ms per step | share | calls per step |\n|---|---|---|---|\n");
        for (OperatorTime o : operators.subList(0, Math.min(top, operators.size()))) {
            sb.append(String.format(Locale.ROOT, "| `%s` | %.1f | %.1f%% | %.0f |%n", o.name(), o.selfMillis(),
                    100 * o.share(), o.calls()));
        }
        return sb.toString();
    }
}
