package org.seg4j.serve;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A byte budget shared by every image the server holds decoded: being decoded, waiting in a queue,
 * in a forward pass or being rendered. A request reserves its image's size from the header, before
 * any pixel is decoded, and gets 429 when the budget cannot hold it, so memory is bounded by bytes
 * rather than by the number of requests.
 *
 * <p>An image costs {@link #BYTES_PER_PIXEL} bytes a pixel: the 3-byte RGB image, the decoder's or
 * renderer's working image (up to 4 bytes) and the 1-byte class map.
 *
 * <p>A {@link Claim} may have several holders (the HTTP request and the batcher): its bytes return
 * to the budget when the last holder lets go, whichever path it took (answer, error, timeout,
 * refusal).
 */
final class PixelBudget {

    /** Bytes reserved for each pixel of an image. */
    static final long BYTES_PER_PIXEL = 8;

    private final long capacity;
    private final AtomicLong reserved = new AtomicLong();

    PixelBudget(long capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("pixel budget must be at least 1 byte, got " + capacity);
        }
        this.capacity = capacity;
    }

    /** The bytes an image of {@code width x height} reserves. */
    static long bytesFor(long width, long height) {
        return width * height * BYTES_PER_PIXEL;
    }

    /** Bytes reserved now. */
    long reserved() {
        return reserved.get();
    }

    long capacity() {
        return capacity;
    }

    /** A new claim holding nothing yet, with one holder (its creator). */
    Claim claim() {
        return new Claim();
    }

    private boolean tryTake(long bytes) {
        while (true) {
            long now = reserved.get();
            if (bytes > capacity - now) {
                return false;
            }
            if (reserved.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /** One image's share of the budget. */
    final class Claim implements AutoCloseable {

        private final AtomicInteger holders = new AtomicInteger(1);
        private final AtomicBoolean ownerDone = new AtomicBoolean();
        private long bytes;
        private boolean returned;

        private Claim() {}

        /**
         * Reserves the decoded size of a {@code width x height} image.
         *
         * @throws ApiException 429 with {@code Retry-After} when the budget cannot hold it now
         */
        synchronized void reserve(int width, int height) {
            if (returned || bytes > 0) {
                throw new IllegalStateException("a claim reserves once, before it is released");
            }
            long need = bytesFor(width, height);
            if (!tryTake(need)) {
                throw new ApiException(429, "memory_busy", String.format(Locale.ROOT,
                        "the server holds too many decoded pixels to take a %dx%d image now (%.1f MB reserved of"
                                + " %.1f MB, --max-pixel-bytes); retry shortly",
                        width, height, reserved.get() / 1e6, capacity / 1e6), 1);
            }
            bytes = need;
        }

        /** Bytes this claim holds. */
        synchronized long bytes() {
            return returned ? 0 : bytes;
        }

        /**
         * Adds a holder; the returned action lets it go (running it again does nothing).
         */
        Runnable share() {
            holders.incrementAndGet();
            AtomicBoolean done = new AtomicBoolean();
            return () -> {
                if (done.compareAndSet(false, true)) {
                    let();
                }
            };
        }

        /** The creator lets go (idempotent). */
        @Override
        public void close() {
            if (ownerDone.compareAndSet(false, true)) {
                let();
            }
        }

        private void let() {
            if (holders.decrementAndGet() == 0) {
                synchronized (this) {
                    returned = true;
                    reserved.addAndGet(-bytes);
                }
            }
        }
    }
}
