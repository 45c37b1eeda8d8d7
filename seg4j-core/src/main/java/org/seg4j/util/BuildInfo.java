package org.seg4j.util;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Versions of seg4j, its git commit and the deep-learning stack, for provenance and {@code --version}. */
public final class BuildInfo {

    private static final Properties PROPS = load();

    private BuildInfo() {}

    private static Properties load() {
        Properties p = new Properties();
        // the version is filtered into the first file; the build's GitHead writes the commit in the second
        for (String resource : new String[] {"/seg4j-build.properties", "/seg4j-git.properties"}) {
            try (InputStream in = BuildInfo.class.getResourceAsStream(resource)) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException ignored) {
                // versions are informative only
            }
        }
        return p;
    }

    /** seg4j's version. */
    public static String version() {
        return clean(PROPS.getProperty("version"), "dev");
    }

    /**
     * Abbreviated git commit the build came from (the HEAD of the working tree that was built, a
     * linked worktree's own), or {@code unknown}.
     */
    public static String gitCommit() {
        return clean(PROPS.getProperty("git.commit"), "unknown");
    }

    /** DJL's version. */
    public static String djlVersion() {
        return Engine.getDjlVersion();
    }

    /** The engine's (PyTorch's) version; loads the engine. */
    public static String engineVersion() {
        return Engine.getInstance().getEngineName() + " " + Engine.getInstance().getVersion();
    }

    private static String clean(String v, String fallback) {
        return v == null || v.isBlank() || v.startsWith("${") ? fallback : v;
    }
}
