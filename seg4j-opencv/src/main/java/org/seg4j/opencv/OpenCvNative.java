package org.seg4j.opencv;

import org.opencv.core.Core;
import org.seg4j.Seg4jException;

/**
 * Loads OpenCV's native library from the {@code org.openpnp:opencv} jar, once per JVM.
 *
 * <p>{@code nu.pattern.OpenCV.loadLocally()} copies the library for this platform to a temporary
 * folder (removed at exit) and {@code System.load}s it. Its sibling {@code loadShared()} patches
 * {@code ClassLoader}'s private library path, which Java 12+ forbids: on Java 17 it logs a SEVERE
 * message and falls back to {@code loadLocally()}, so seg4j calls that directly.
 */
public final class OpenCvNative {

    private static volatile boolean loaded;

    private OpenCvNative() {}

    /**
     * Loads the library if not yet loaded.
     *
     * @throws Seg4jException naming the platform when the jar has no library for it or it fails to load
     */
    public static void load() {
        if (loaded) {
            return;
        }
        synchronized (OpenCvNative.class) {
            if (loaded) {
                return;
            }
            try {
                nu.pattern.OpenCV.loadLocally();
            } catch (RuntimeException | LinkageError e) {
                throw new Seg4jException("cannot load OpenCV's native library from org.openpnp:opencv on "
                        + System.getProperty("os.name") + "/" + System.getProperty("os.arch")
                        + " (the jar bundles Linux x86_64/ARM, macOS x86_64/ARM and Windows x86/x86_64; it also needs"
                        + " a writable temporary folder, java.io.tmpdir): " + e, e);
            }
            loaded = true;
        }
    }

    /** The loaded OpenCV version, e.g. {@code 4.9.0}. */
    public static String version() {
        load();
        return Core.VERSION;
    }
}
