package org.seg4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Peak resident memory of the running process, from Linux's {@code /proc/self/status}. */
public final class ProcessMemory {

    private ProcessMemory() {}

    /** VmHWM (peak resident set) in MiB, or {@code NaN} where {@code /proc} is not available. */
    public static double peakRssMb() {
        try {
            return parseVmHwm(Files.readString(Path.of("/proc/self/status")));
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The {@code VmHWM:} value of a {@code /proc/<pid>/status} text in MiB. */
    static double parseVmHwm(String status) {
        for (String line : status.split("\\R")) {
            if (line.startsWith("VmHWM:")) {
                String[] parts = line.substring(6).trim().split("\\s+");
                return Long.parseLong(parts[0]) / 1024.0;
            }
        }
        throw new IllegalArgumentException("no VmHWM line");
    }
}
