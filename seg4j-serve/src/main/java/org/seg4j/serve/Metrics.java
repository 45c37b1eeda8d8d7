package org.seg4j.serve;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's counters and histograms, written in the Prometheus text exposition format (version
 * 0.0.4) by {@link #render}. Kept to what the server needs: labelled counters, labelled fixed-bucket
 * histograms and gauges read at scrape time.
 */
public final class Metrics {

    private static final double[] LATENCY_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
    private static final double[] BATCH_BUCKETS = {1, 2, 4, 8, 16, 32, 64, 128, 256};

    private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
    private final Map<String, Histogram> inference = new ConcurrentHashMap<>();
    private final Map<String, Histogram> batchSize = new ConcurrentHashMap<>();

    /** Counts one answered request. */
    public void request(String route, int status) {
        requests.computeIfAbsent(labels("route", route, "status", Integer.toString(status)), k -> new LongAdder())
                .increment();
    }

    /** Counts one error of the given kind (e.g. {@code queue_full}). */
    public void error(String kind) {
        errors.computeIfAbsent(labels("kind", kind), k -> new LongAdder()).increment();
    }

    /** Records the latency of one segmentation request, from arrival to answer. */
    public void latency(String model, double seconds) {
        latency.computeIfAbsent(labels("model", model), k -> new Histogram(LATENCY_BUCKETS)).observe(seconds);
    }

    /** Records one forward pass: its batch size and its duration. */
    public void batch(String model, int size, double seconds) {
        String key = labels("model", model);
        batchSize.computeIfAbsent(key, k -> new Histogram(BATCH_BUCKETS)).observe(size);
        inference.computeIfAbsent(key, k -> new Histogram(LATENCY_BUCKETS)).observe(seconds);
    }

    /** Total number of requests answered with {@code status} on {@code route}. */
    public long requestCount(String route, int status) {
        LongAdder a = requests.get(labels("route", route, "status", Integer.toString(status)));
        return a == null ? 0 : a.sum();
    }

    /**
     * The exposition text.
     *
     * @param queueDepth images waiting per model
     * @param ready 1 for each model that is loaded, 0 otherwise
     * @param pixelBytes bytes of decoded images reserved from the pixel budget now
     */
    public String render(Map<String, Integer> queueDepth, Map<String, Boolean> ready, long pixelBytes) {
        StringBuilder sb = new StringBuilder(4096);
        counter(sb, "seg4j_http_requests_total", "HTTP requests answered, by route and status.", requests);
        counter(sb, "seg4j_errors_total", "Requests refused or failed, by kind.", errors);
        histogram(sb, "seg4j_request_duration_seconds", "Segmentation request latency, arrival to answer.", latency);
        histogram(sb, "seg4j_inference_duration_seconds", "Duration of one batched forward pass.", inference);
        histogram(sb, "seg4j_batch_size", "Images per forward pass.", batchSize);
        sb.append("# HELP seg4j_queue_depth Images waiting for inference.\n# TYPE seg4j_queue_depth gauge\n");
        new TreeMap<>(queueDepth).forEach((m, d) -> sb.append("seg4j_queue_depth").append(labels("model", m))
                .append(' ').append(d).append('\n'));
        sb.append("# HELP seg4j_model_ready 1 when the model is loaded and serving.\n# TYPE seg4j_model_ready gauge\n");
        new TreeMap<>(ready).forEach((m, r) -> sb.append("seg4j_model_ready").append(labels("model", m))
                .append(' ').append(r ? 1 : 0).append('\n'));
        sb.append("# HELP seg4j_pixel_bytes_reserved Bytes of decoded images held (--max-pixel-bytes is the limit).\n"
                + "# TYPE seg4j_pixel_bytes_reserved gauge\nseg4j_pixel_bytes_reserved ").append(pixelBytes)
                .append('\n');
        return sb.toString();
    }

    private static void counter(StringBuilder sb, String name, String help, Map<String, LongAdder> values) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" counter\n");
        new TreeMap<>(values).forEach((labels, v) -> sb.append(name).append(labels).append(' ').append(v.sum())
                .append('\n'));
    }

    private static void histogram(StringBuilder sb, String name, String help, Map<String, Histogram> values) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(" histogram\n");
        new TreeMap<>(values).forEach((labels, h) -> h.write(sb, name, labels));
    }

    /** {@code {k1="v1",k2="v2"}} with Prometheus escaping. */
    static String labels(String... kv) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < kv.length; i += 2) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(kv[i]).append("=\"").append(kv[i + 1].replace("\\", "\\\\").replace("\"", "\\\"")
                    .replace("\n", "\\n")).append('"');
        }
        return sb.append('}').toString();
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }

    /** Cumulative-bucket histogram with a sum and a count. */
    static final class Histogram {
        private final double[] bounds;
        private final AtomicLongArray counts;
        private final DoubleAdder sum = new DoubleAdder();
        private final LongAdder count = new LongAdder();

        Histogram(double[] bounds) {
            this.bounds = bounds;
            this.counts = new AtomicLongArray(bounds.length);
        }

        void observe(double v) {
            for (int i = 0; i < bounds.length; i++) {
                if (v <= bounds[i]) {
                    counts.incrementAndGet(i);
                    break;
                }
            }
            sum.add(v);
            count.increment();
        }

        void write(StringBuilder sb, String name, String labels) {
            String inner = labels.substring(1, labels.length() - 1);
            String prefix = inner.isEmpty() ? "{" : "{" + inner + ",";
            long cumulative = 0;
            for (int i = 0; i < bounds.length; i++) {
                cumulative += counts.get(i);
                sb.append(name).append("_bucket").append(prefix).append("le=\"").append(number(bounds[i]))
                        .append("\"} ").append(cumulative).append('\n');
            }
            long total = count.sum();
            sb.append(name).append("_bucket").append(prefix).append("le=\"+Inf\"} ").append(total).append('\n');
            sb.append(name).append("_sum").append(labels).append(' ').append(number(sum.sum())).append('\n');
            sb.append(name).append("_count").append(labels).append(' ').append(total).append('\n');
        }
    }
}
