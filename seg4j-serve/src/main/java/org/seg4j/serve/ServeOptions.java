package org.seg4j.serve;

/**
 * Settings of a {@link SegmentationServer}.
 *
 * @param host address to bind; {@code 127.0.0.1} unless the operator opens it up
 * @param port TCP port; 0 picks a free one
 * @param maxBatch most images stacked into one forward pass
 * @param maxWaitMs how long the batcher waits for more images after the first one of a batch
 * @param queueSize images waiting for inference per model; when full, requests get 429 at once
 * @param maxBodyBytes largest request body (413 above it)
 * @param maxPixels largest image, read from its header before decoding (422 above it)
 * @param maxMetadataBytes largest total of a PNG's text and ICC chunks once inflated (422 above it)
 * @param timeoutMs time from the request's arrival to its answer (504 when exceeded)
 * @param threads HTTP worker threads (reading and decoding run on them), and as many threads encode answers
 * @param maxPixelBytes budget for decoded images held at once (being decoded, queued, in a forward pass or
 *     being rendered), {@value PixelBudget#BYTES_PER_PIXEL} bytes a pixel; a request that does not fit gets 429
 * @param readTimeoutMs time to receive a request's body once its headers arrived (408 when exceeded)
 * @param minScore least score of an instance, as {@code predict --min-score}: for Mask R-CNN the
 *     detection score (default 0.5), for panoptic models the centre heat-map value (default 0.1);
 *     {@code null} for those defaults
 * @param stuffArea panoptic models: stuff segments under this many pixels become void, as {@code
 *     predict --stuff-area} (default 2048)
 */
public record ServeOptions(String host, int port, int maxBatch, int maxWaitMs, int queueSize, long maxBodyBytes,
        long maxPixels, long maxMetadataBytes, int timeoutMs, int threads, long maxPixelBytes, int readTimeoutMs,
        Double minScore, int stuffArea) {

    /** Default least pixels of a panoptic stuff segment, as {@code predict}. */
    public static final int DEFAULT_STUFF_AREA = 2048;

    /** Default bind address: loopback only. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    /** Default budget for decoded images: 1 GiB. */
    public static final long DEFAULT_MAX_PIXEL_BYTES = 1L << 30;

    public ServeOptions {
        require(host != null && !host.isBlank(), "host must not be empty");
        require(port >= 0 && port <= 65535, "port must be in 0..65535, got " + port);
        require(maxBatch >= 1 && maxBatch <= 256, "max batch must be in 1..256, got " + maxBatch);
        require(maxWaitMs >= 0 && maxWaitMs <= 10_000, "max wait must be in 0..10000 ms, got " + maxWaitMs);
        require(queueSize >= 1, "queue size must be at least 1, got " + queueSize);
        require(maxBodyBytes >= 1024, "max body size must be at least 1024 bytes, got " + maxBodyBytes);
        require(maxPixels >= 1, "max pixels must be at least 1, got " + maxPixels);
        require(maxMetadataBytes >= 0, "max metadata size must not be negative");
        require(timeoutMs >= 1, "timeout must be at least 1 ms, got " + timeoutMs);
        require(threads >= 2, "threads must be at least 2, got " + threads);
        require(maxPixels <= Long.MAX_VALUE / PixelBudget.BYTES_PER_PIXEL
                        && maxPixelBytes >= maxPixels * PixelBudget.BYTES_PER_PIXEL,
                "max pixel bytes (" + maxPixelBytes + ") must hold one image of max pixels (" + maxPixels + " x "
                        + PixelBudget.BYTES_PER_PIXEL + " bytes = " + maxPixels * PixelBudget.BYTES_PER_PIXEL
                        + "), or the largest allowed image could never be served");
        require(readTimeoutMs >= 1, "read timeout must be at least 1 ms, got " + readTimeoutMs);
        require(minScore == null || (minScore >= 0 && minScore <= 1), "min score must be in 0..1, got " + minScore);
        require(stuffArea >= 0, "stuff area must not be negative, got " + stuffArea);
    }

    /** Settings with the default instance options (see {@link #withMinScore}, {@link #withStuffArea}). */
    public ServeOptions(String host, int port, int maxBatch, int maxWaitMs, int queueSize, long maxBodyBytes,
            long maxPixels, long maxMetadataBytes, int timeoutMs, int threads, long maxPixelBytes, int readTimeoutMs) {
        this(host, port, maxBatch, maxWaitMs, queueSize, maxBodyBytes, maxPixels, maxMetadataBytes, timeoutMs,
                threads, maxPixelBytes, readTimeoutMs, null, DEFAULT_STUFF_AREA);
    }

    /**
     * Defaults: 127.0.0.1:8080, batches of up to 8 images gathered for at most 5 ms, 64 queued
     * images per model, 20 MB bodies, 25 MP images, 1 MB of PNG metadata, 30 s per request, 8
     * HTTP threads, 1 GiB of decoded images, 10 s to receive a body.
     */
    public static ServeOptions defaults() {
        return new ServeOptions(DEFAULT_HOST, 8080, 8, 5, 64, 20L << 20, 25_000_000L, 1L << 20, 30_000, 8,
                DEFAULT_MAX_PIXEL_BYTES, 10_000);
    }

    public ServeOptions withHost(String value) {
        return new ServeOptions(value, port, maxBatch, maxWaitMs, queueSize, maxBodyBytes, maxPixels,
                maxMetadataBytes, timeoutMs, threads, maxPixelBytes, readTimeoutMs, minScore, stuffArea);
    }

    public ServeOptions withPort(int value) {
        return new ServeOptions(host, value, maxBatch, maxWaitMs, queueSize, maxBodyBytes, maxPixels,
                maxMetadataBytes, timeoutMs, threads, maxPixelBytes, readTimeoutMs, minScore, stuffArea);
    }

    public ServeOptions withMaxBatch(int value) {
        return new ServeOptions(host, port, value, maxWaitMs, queueSize, maxBodyBytes, maxPixels,
                maxMetadataBytes, timeoutMs, threads, maxPixelBytes, readTimeoutMs, minScore, stuffArea);
    }

    public ServeOptions withMaxWaitMs(int value) {
        return new ServeOptions(host, port, maxBatch, value, queueSize, maxBodyBytes, maxPixels,
                maxMetadataBytes, timeoutMs, threads, maxPixelBytes, readTimeoutMs, minScore, stuffArea);
    }

    public ServeOptions withQueueSize(int value) {
        return new ServeOptions(host, port, maxBatch, maxWaitMs, value, maxBodyBytes, maxPixels,
                maxMetadataBytes, timeoutMs, threads, maxPixelBytes, readTimeoutMs, minScore, stuffArea);
    }

    public ServeOptions withMaxBodyBytes(long value) {
        return new ServeOptions(host, port, maxBatch, maxWaitMs, queueSize, value, maxPixels,
                maxMetadataBytes, timeoutMs, threads, maxPixelBytes, readTimeoutMs, minScore, stuffArea);
    }

    public ServeOptions withMaxPixels(long value) {
        return new ServeOptions(host, port, maxBatch, maxWaitMs, queueSize, maxBodyBytes, value,
                maxMetadataBytes, timeoutMs, threads, maxPixelBytes, readTimeoutMs, minScore, stuffArea);
    }

    public ServeOptions withMaxMetadataBytes(long value) {
        return new ServeOptions(host, port, maxBatch, maxWaitMs, queueSize, maxBodyBytes, maxPixels,
                value, timeoutMs, threads, maxPixelBytes, readTimeoutMs, minScore, stuffArea);
    }

    public ServeOptions withTimeoutMs(int value) {
        return new ServeOptions(host, port, maxBatch, maxWaitMs, queueSize, maxBodyBytes, maxPixels,
                maxMetadataBytes, value, threads, maxPixelBytes, readTimeoutMs, minScore, stuffArea);
    }

    public ServeOptions withThreads(int value) {
        return new ServeOptions(host, port, maxBatch, maxWaitMs, queueSize, maxBodyBytes, maxPixels,
                maxMetadataBytes, timeoutMs, value, maxPixelBytes, readTimeoutMs, minScore, stuffArea);
    }

    public ServeOptions withMaxPixelBytes(long value) {
        return new ServeOptions(host, port, maxBatch, maxWaitMs, queueSize, maxBodyBytes, maxPixels,
                maxMetadataBytes, timeoutMs, threads, value, readTimeoutMs, minScore, stuffArea);
    }

    public ServeOptions withReadTimeoutMs(int value) {
        return new ServeOptions(host, port, maxBatch, maxWaitMs, queueSize, maxBodyBytes, maxPixels,
                maxMetadataBytes, timeoutMs, threads, maxPixelBytes, value, minScore, stuffArea);
    }

    public ServeOptions withMinScore(Double value) {
        return new ServeOptions(host, port, maxBatch, maxWaitMs, queueSize, maxBodyBytes, maxPixels,
                maxMetadataBytes, timeoutMs, threads, maxPixelBytes, readTimeoutMs, value, stuffArea);
    }

    public ServeOptions withStuffArea(int value) {
        return new ServeOptions(host, port, maxBatch, maxWaitMs, queueSize, maxBodyBytes, maxPixels,
                maxMetadataBytes, timeoutMs, threads, maxPixelBytes, readTimeoutMs, minScore, value);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
