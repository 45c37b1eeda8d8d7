package org.seg4j.train.loader;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates the named daemon worker threads of one loader and remembers them, so that closing the
 * loader can wait until every one has really ended.
 */
final class LoaderThreads implements ThreadFactory {

    private static final AtomicInteger LOADERS = new AtomicInteger();

    private final String prefix = "seg4j-loader-" + LOADERS.incrementAndGet() + "-";
    private final List<Thread> threads = new ArrayList<>();

    @Override
    public synchronized Thread newThread(Runnable r) {
        Thread t = new Thread(r, prefix + threads.size());
        t.setDaemon(true);
        threads.add(t);
        return t;
    }

    /** Name prefix of this loader's threads. */
    String prefix() {
        return prefix;
    }

    /** Waits up to {@code millis} in total for all threads to end; true when they have. */
    boolean joinAll(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        List<Thread> copy;
        synchronized (this) {
            copy = List.copyOf(threads);
        }
        for (Thread t : copy) {
            long left = deadline - System.currentTimeMillis();
            if (left > 0) {
                t.join(left);
            }
            if (t.isAlive()) {
                return false;
            }
        }
        return true;
    }
}
