package org.seg4j.serve;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.seg4j.util.Throwables;

/**
 * A total time limit on reading a request body. Jetty's idle timeout only fires when no byte
 * arrives for a while, so a client that trickles a byte now and then would hold an HTTP thread for
 * as long as it likes; here a timer interrupts the reading thread at the deadline (Jetty's blocking
 * read returns an error when interrupted) and the request gets 408.
 */
final class ReadDeadline {

    private final ScheduledExecutorService timer;
    private final long millis;

    ReadDeadline(ScheduledExecutorService timer, long millis) {
        this.timer = timer;
        this.millis = millis;
    }

    /**
     * Runs {@code read} on this thread within the deadline.
     *
     * @throws ApiException 408 when the deadline passed before {@code read} finished
     */
    <T> T within(Supplier<T> read) {
        Watch watch = new Watch(Thread.currentThread());
        ScheduledFuture<?> alarm = timer.schedule(watch::expire, millis, TimeUnit.MILLISECONDS);
        T value;
        try {
            value = read.get();
        } catch (Exception e) { // Javalin (Kotlin) may throw a checked IOException undeclared
            alarm.cancel(false);
            if (watch.finish()) {
                throw timeout();
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new ApiException(400, "bad_body", "cannot read the request body (" + Throwables.reason(e) + ")");
        }
        alarm.cancel(false);
        watch.finish(); // a body that was complete when the alarm rang is still good
        return value;
    }

    private ApiException timeout() {
        return new ApiException(408, "read_timeout", "the request body did not arrive within the server's read"
                + " time limit of " + millis + " ms");
    }

    /** The interrupt and the reader's end are ordered by one lock, so no interrupt outlives the read. */
    private static final class Watch {
        private final Thread reader;
        private boolean done;
        private boolean expired;

        Watch(Thread reader) {
            this.reader = reader;
        }

        synchronized void expire() {
            if (!done) {
                expired = true;
                reader.interrupt();
            }
        }

        /** Ends the watch; true when the deadline passed (the interrupt is cleared then). */
        synchronized boolean finish() {
            done = true;
            if (expired) {
                Thread.interrupted();
            }
            return expired;
        }
    }
}
