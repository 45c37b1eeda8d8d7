package org.seg4j.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * A bounded load test: {@code clients} threads each send {@code requestsPerClient} requests one
 * after another, stopping early when the time limit is reached. 429 answers are counted apart
 * (they are the server's deliberate back-pressure); every other non-200 answer and every transport
 * failure is an error.
 */
public final class LoadGenerator {

    /**
     * What a load test measured.
     *
     * @param clients concurrent clients
     * @param sent requests sent
     * @param ok 200 answers
     * @param rejected 429 answers
     * @param errors other answers and failures
     * @param statuses count per status code (-1: transport failure)
     * @param seconds wall-clock time of the test
     * @param p50Ms median latency of the 200 answers
     * @param p99Ms 99th percentile latency of the 200 answers
     * @param firstError the first error's description, or {@code null}
     */
    public record Report(int clients, long sent, long ok, long rejected, long errors, Map<Integer, Long> statuses,
            double seconds, double p50Ms, double p99Ms, String firstError) {

        /** 200 answers per second. */
        public double throughput() {
            return ok / seconds;
        }

        /** One line for people. */
        public String summary() {
            return String.format(Locale.ROOT, "%d clients, %d requests in %.1f s: %d ok, %d rejected (429), %d errors;"
                    + " throughput %.1f images/s, latency p50 %.1f ms, p99 %.1f ms", clients, sent, seconds, ok,
                    rejected, errors, throughput(), p50Ms, p99Ms);
        }
    }

    private LoadGenerator() {}

    /** Runs the test against {@code uri} (a segment URL with its query), posting {@code body} as a raw body. */
    public static Report run(URI uri, byte[] body, int clients, int requestsPerClient, Duration timeLimit)
            throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        long stopAt = System.nanoTime() + timeLimit.toNanos();
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        List<double[]> latencies = new ArrayList<>();
        String[] firstError = new String[1];
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long t0 = System.nanoTime();
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    double[] ms = new double[requestsPerClient];
                    int n = 0;
                    for (int i = 0; i < requestsPerClient && System.nanoTime() - stopAt < 0; i++) {
                        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                                .header("Content-Type", "application/octet-stream")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                        long s = System.nanoTime();
                        int status;
                        try {
                            HttpResponse<byte[]> resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                            status = resp.statusCode();
                            if (status != 200 && status != 429) {
                                recordError(firstError, status + ": " + new String(resp.body(),
                                        java.nio.charset.StandardCharsets.UTF_8));
                            }
                        } catch (java.io.IOException e) {
                            status = -1;
                            recordError(firstError, e.toString());
                        }
                        statuses.computeIfAbsent(status, k -> new LongAdder()).increment();
                        if (status == 200) {
                            ms[n++] = (System.nanoTime() - s) / 1e6;
                        }
                    }
                    return Arrays.copyOf(ms, n);
                }));
            }
            for (Future<double[]> f : futures) {
                try {
                    latencies.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("load client failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double[] all = latencies.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
        Map<Integer, Long> counts = new TreeMap<>();
        statuses.forEach((k, v) -> counts.put(k, v.sum()));
        long sent = counts.values().stream().mapToLong(Long::longValue).sum();
        long ok = counts.getOrDefault(200, 0L);
        long rejected = counts.getOrDefault(429, 0L);
        return new Report(clients, sent, ok, rejected, sent - ok - rejected, counts, seconds, percentile(all, 0.50),
                percentile(all, 0.99), firstError[0]);
    }

    /** Nearest-rank percentile of sorted values (NaN when empty). */
    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static synchronized void recordError(String[] first, String what) {
        if (first[0] == null) {
            first[0] = what.length() > 300 ? what.substring(0, 300) : what;
        }
    }
}
