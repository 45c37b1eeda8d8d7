package org.seg4j.data.group;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seg4j.Seg4jException;
import org.seg4j.data.layout.DatasetEntry;

/**
 * A {@link GroupKey} read from a CSV file of {@code file,group} rows. The first column is the
 * image's file name ({@code 0016E5_07959.png}) or its stem ({@code 0016E5_07959}); an optional
 * header row whose first field is {@code file}, {@code filename} or {@code image} is skipped, as are
 * blank lines and lines starting with {@code #}. Fields are not quoted.
 */
final class CsvGroupKey implements GroupKey {

    private final Path file;
    private final Map<String, String> groups;

    private CsvGroupKey(Path file, Map<String, String> groups) {
        this.file = file;
        this.groups = groups;
    }

    static CsvGroupKey read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new Seg4jException(file + ": group CSV file not found");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Seg4jException(file + ": cannot read the group CSV: " + e.getMessage(), e);
        }
        Map<String, String> groups = new HashMap<>();
        boolean first = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (fields.length != 2 || fields[0].isBlank() || fields[1].isBlank()) {
                throw new Seg4jException(file + ":" + (i + 1) + ": expected 'file,group', got '" + line + "'");
            }
            String name = fields[0].strip();
            String group = fields[1].strip();
            if (first && List.of("file", "filename", "image").contains(name.toLowerCase(Locale.ROOT))) {
                first = false;
                continue;
            }
            first = false;
            String before = groups.putIfAbsent(name, group);
            if (before != null && !before.equals(group)) {
                throw new Seg4jException(file + ":" + (i + 1) + ": " + name + " is in group '" + before
                        + "' on an earlier line and in '" + group + "' here");
            }
        }
        if (groups.isEmpty()) {
            throw new Seg4jException(file + ": the group CSV has no 'file,group' rows");
        }
        return new CsvGroupKey(file, Map.copyOf(groups));
    }

    @Override
    public String groupOf(DatasetEntry entry) {
        String name = entry.image().getFileName().toString();
        String group = groups.get(name);
        if (group == null) {
            group = groups.get(entry.id());
        }
        if (group == null) {
            throw new Seg4jException(entry.image() + ": no row for this file (" + name + " or " + entry.id()
                    + ") in the group CSV " + file);
        }
        return group;
    }

    @Override
    public String describe() {
        return "CSV " + file;
    }
}
