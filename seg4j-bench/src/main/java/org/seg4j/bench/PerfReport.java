package org.seg4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.seg4j.Seg4jException;
import org.seg4j.util.AtomicFiles;
import org.seg4j.util.BuildInfo;

/**
 * Writes the benchmark's section of {@code docs/performance.md}: the machine, the versions, the
 * exact command and the table. Only the text between {@link #BEGIN} and {@link #END} is replaced,
 * so hand-written analysis around it survives re-runs; a file without the markers gets the
 * section appended.
 */
public final class PerfReport {

    /** Start marker of the generated section. */
    public static final String BEGIN = "<!-- seg4j bench perf: begin (generated, do not edit) -->";
    /** End marker of the generated section. */
    public static final String END = "<!-- seg4j bench perf: end -->";

    private PerfReport() {}

    /** The generated section, markers included. */
    public static String section(PerfTable table, PerfSettings s, String command, String pytorchVersion,
            String machine) {
        StringBuilder sb = new StringBuilder();
        sb.append(BEGIN).append('\n');
        sb.append("Measured ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern(
                "yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT))).append(" with\n\n```\n").append(command).append("\n```\n\n");
        sb.append(machine).append('\n');
        sb.append(String.format(Locale.ROOT, "- seg4j %s (commit %s), DJL %s, libtorch %s; Python PyTorch %s%n",
                BuildInfo.version(), BuildInfo.gitCommit(), BuildInfo.djlVersion(), BuildInfo.engineVersion(),
                pytorchVersion));
        sb.append(String.format(Locale.ROOT, "- %d threads on both sides (OMP_NUM_THREADS, DJL num_threads, "
                + "torch.set_num_threads); seg4j with its launcher's OMP_WAIT_POLICY=PASSIVE and "
                + "GLIBC_TUNABLES=glibc.malloc.hugetlb=1, PyTorch in its normal configuration (both unset)%n", s.threads()));
        sb.append(String.format(Locale.ROOT, "- models: %s (U-Net base width %d), %d classes; inference: %d "
                        + "warm-up + %d timed passes per batch size, input floats -> class map; training: 1 warm-up + "
                        + "%d timed Adam steps%n%n", String.join(", ", s.models()), s.unetWidth(), s.numClasses(),
                s.warmup(), s.runs(), s.trainSteps()));
        sb.append(table.markdown()).append('\n');
        long missed = table.missedTargets();
        sb.append(missed == 0 ? "All targets met in this run.\n" : missed + " target(s) not met in this run.\n");
        sb.append(END).append('\n');
        return sb.toString();
    }

    /** {@code existing} with its generated section replaced by {@code section} (or appended). */
    static String merge(String existing, String section) {
        if (existing == null || existing.isBlank()) {
            return "# Performance: seg4j against PyTorch\n\n" + section;
        }
        int b = existing.indexOf(BEGIN);
        int e = existing.indexOf(END);
        if (b < 0 || e < b) {
            return existing + (existing.endsWith("\n") ? "\n" : "\n\n") + section;
        }
        int after = e + END.length();
        if (after < existing.length() && existing.charAt(after) == '\n') {
            after++;
        }
        return existing.substring(0, b) + section + existing.substring(after);
    }

    /** Writes {@code section} into {@code file} atomically. */
    public static void write(Path file, String section) {
        try {
            String existing = Files.exists(file) ? Files.readString(file) : null;
            AtomicFiles.writeString(file, merge(existing, section));
        } catch (IOException e) {
            throw new Seg4jException(file + ": cannot update the performance report: " + e.getMessage(), e);
        }
    }

    /** The machine as a Markdown list: CPU model, cores, memory, OS and Java. */
    public static String machine() {
        String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name");
        String mem = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        String flags = firstValue(Path.of("/proc/cpuinfo"), "flags");
        List<String> wanted = List.of("avx2", "avx512f", "avx512_bf16", "amx_bf16", "amx_int8");
        StringBuilder isa = new StringBuilder();
        for (String f : wanted) {
            if ((" " + flags + " ").contains(" " + f + " ")) {
                isa.append(isa.length() == 0 ? "" : ", ").append(f);
            }
        }
        double memGib = Double.NaN;
        if (!mem.isEmpty()) {
            memGib = Long.parseLong(mem.trim().split("\\s+")[0]) / 1024.0 / 1024.0;
        }
        return String.format(Locale.ROOT, "- CPU: %s, %d cores visible to the JVM; ISA extensions of note: %s%n"
                        + "- memory: %.1f GiB; OS: %s %s; Java %s%n", cpu.isEmpty() ? "unknown" : cpu,
                Runtime.getRuntime().availableProcessors(), isa.length() == 0 ? "none" : isa, memGib,
                System.getProperty("os.name"), System.getProperty("os.version"), System.getProperty("java.version"));
    }

    private static String firstValue(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    int colon = line.indexOf(':');
                    return colon < 0 ? "" : line.substring(colon + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            return "";
        }
        return "";
    }
}
