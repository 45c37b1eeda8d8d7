package org.seg4j.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.seg4j.data.layout.DatasetEntry;

/** Computes {@link SegmentationDataset#fingerprint()}. */
final class DatasetFingerprint {

    private DatasetFingerprint() {}

    static String of(Path root, List<DatasetEntry> entries) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        Path base = root.toAbsolutePath().normalize();
        StringBuilder line = new StringBuilder();
        for (DatasetEntry e : entries) {
            line.setLength(0);
            line.append(e.id()).append('\t');
            append(line, base, e.image());
            line.append('\t');
            if (e.mask() != null) {
                append(line, base, e.mask());
            }
            line.append('\n');
            sha.update(line.toString().getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }

    /** Relative path with '/' separators (the same on every OS) and the size, -1 if missing. */
    private static void append(StringBuilder line, Path base, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        String rel = abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
        line.append(rel.replace('\\', '/')).append('\t');
        try {
            line.append(Files.size(file));
        } catch (IOException e) {
            line.append(-1);
        }
    }
}
