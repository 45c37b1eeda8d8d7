package org.seg4j.cli;

import java.util.List;
import java.util.Locale;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelStats;
import org.seg4j.model.instance.maskrcnn.MaskRcnnDirectory;

/** The fixed-width text layout of {@code seg4j models}: a header, then one line per model. */
final class ModelsTable {

    private final int height;
    private final int width;
    private final int classes;
    private final boolean speed;
    private final String format;

    /** Column widths come from the entries to be listed, so lines can be printed as they are measured. */
    ModelsTable(List<ModelRegistry.Entry> entries, int height, int width, int classes, boolean speed) {
        this.height = height;
        this.width = width;
        this.classes = classes;
        this.speed = speed;
        int name = Math.max("MODEL".length(), MaskRcnnDirectory.ARCHITECTURE.length());
        int encoder = "ENCODER".length();
        for (ModelRegistry.Entry e : entries) {
            name = Math.max(name, e.name().length());
            encoder = Math.max(encoder, e.defaultEncoder().length());
            for (String accepted : e.encoders()) {
                encoder = Math.max(encoder, accepted.length());
            }
        }
        this.format = "%-" + name + "s  %-" + encoder + "s  %9s  %8s" + (speed ? "  %7s" : "%s") + "  %s%n";
    }

    String header() {
        String intro = String.format(Locale.ROOT, "%dx%d input, %d classes, GFLOPs = 2 x multiply-adds per image"
                + "%s%n", height, width, classes, speed ? ", speed = CPU images/s at batch 1 (median)" : "");
        return intro + String.format(Locale.ROOT, format, "MODEL", "ENCODER", "PARAMS", "GFLOPS",
                speed ? "IMG/S" : "", "ACCEPTED ENCODERS");
    }

    String line(ModelsCommand.Row row) {
        return line(row.entry().name(), row.encoder(), row.stats(), row.imagesPerSecond(), row.entry().encoders());
    }

    /** A line for a model outside the registry (Mask R-CNN). */
    String line(String name, String encoder, ModelStats.Summary stats, Double imagesPerSecond, List<String> encoders) {
        String rate = imagesPerSecond == null ? "" : String.format(Locale.ROOT, "%.2f", imagesPerSecond);
        return String.format(Locale.ROOT, format, name, encoder,
                String.format(Locale.ROOT, "%.2fM", stats.parameters() / 1e6),
                String.format(Locale.ROOT, stats.gflops() < 1 ? "%.3f" : "%.2f", stats.gflops()), rate,
                encoders.isEmpty() ? "any" : String.join(", ", encoders));
    }
}
