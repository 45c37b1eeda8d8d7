package org.seg4j.model.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.seg4j.Seg4jException;
import org.seg4j.model.weights.WeightMapping.Entry;
import org.seg4j.model.weights.WeightMapping.Transform;
import org.seg4j.util.GradientsOff;

/**
 * Fills an initialised seg4j network from named source arrays through a {@link WeightMapping}.
 * Every row is checked before anything is written (the source array exists, the shapes agree), so
 * a failed import leaves the network untouched. A complete import fills every parameter and uses
 * every array that the table does not expect to stay unused; anything less is an error unless
 * partial loading is allowed ({@link Builder#optPartial}), and is always listed in the {@link
 * ImportReport}.
 */
public final class WeightImporter {

    private static final NDIndex ALL = new NDIndex("...");
    private static final int LISTED = 20;
    private static final String AUX_CLASSIFIER = "aux_classifier.";

    private final WeightMapping mapping;
    private final String sourcePrefix;
    private final boolean partial;
    private final String sourceName;
    private final List<String> skipPrefixes;

    private WeightImporter(Builder b) {
        this.mapping = b.mapping;
        this.sourcePrefix = b.sourcePrefix;
        this.partial = b.partial;
        this.sourceName = b.sourceName;
        this.skipPrefixes = List.copyOf(b.skipPrefixes);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Copies the mapped arrays into {@code target}'s parameters.
     *
     * @param arrays source arrays by state-dict key (see {@link TensorFile#read})
     * @param target an initialised network
     * @throws Seg4jException naming every missing array and shape mismatch, or, without partial
     *     loading, every unfilled parameter and unused array
     */
    public ImportReport load(Map<String, NDArray> arrays, Block target) {
        Map<String, Parameter> params = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : target.getParameters()) {
            params.put(p.getKey(), p.getValue());
        }
        String prefix = sourcePrefix != null ? sourcePrefix : detectPrefix(arrays.keySet());
        List<String> problems = new ArrayList<>();
        Map<String, String> skipped = skipped(arrays.keySet());
        List<Pair<Parameter, NDArray>> copies = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (Entry e : mapping.entries()) {
            Parameter p = params.get(e.target());
            if (p == null) {
                throw new IllegalStateException("mapping table names " + e.target()
                        + ", which this network does not have (a table out of step with the network)");
            }
            String key = prefix + e.source();
            NDArray from = arrays.get(key);
            if (from == null) {
                problems.add("missing " + key + " (for " + e.target() + ")");
                continue;
            }
            if (skipped.containsKey(key)) {
                problems.add(key + " fills " + e.target() + " but is skipped (prefix " + skipped.get(key) + ")");
                continue;
            }
            used.add(key);
            NDArray to = p.getArray();
            boolean fits = e.transform() == Transform.RESHAPE
                    ? from.size() == to.size()
                    : from.getShape().equals(to.getShape());
            if (!fits) {
                problems.add(key + " has shape " + from.getShape() + ", " + e.target() + " needs " + to.getShape());
                continue;
            }
            copies.add(new Pair<>(p, from));
        }
        List<Pair<Parameter, NDArray>> folds = new ArrayList<>();
        for (WeightMapping.Fold f : mapping.folds()) {
            String key = prefix + f.source();
            NDArray from = arrays.get(key);
            if (from == null) {
                continue; // optional: a bias-free convolution has nothing to fold
            }
            used.add(key);
            Parameter p = params.get(f.target());
            if (!from.getShape().equals(p.getArray().getShape())) {
                problems.add(key + " has shape " + from.getShape() + ", folding it into " + f.target() + " needs "
                        + p.getArray().getShape());
                continue;
            }
            folds.add(new Pair<>(p, from));
        }
        if (!problems.isEmpty()) {
            throw new Seg4jException(sourceName + ": " + problems.size() + " of " + mapping.entries().size()
                    + " arrays do not fit this network (a different architecture, depth or width?):\n  "
                    + String.join("\n  ", head(problems)));
        }
        ImportReport report = report(arrays, params, used, skipped, prefix, copies.size());
        if (!partial && !report.complete()) {
            throw new Seg4jException(sourceName + ": incomplete import, nothing loaded (allow partial loading, e.g. "
                    + "an encoder-only import, to accept it):\n" + report.describe() + auxHint(report));
        }
        try (GradientsOff off = GradientsOff.begin()) {
            for (Pair<Parameter, NDArray> c : copies) {
                NDArray to = c.getKey().getArray();
                NDArray from = c.getValue().toType(to.getDataType(), false);
                to.set(ALL, from.getShape().equals(to.getShape()) ? from : from.reshape(to.getShape()));
            }
            for (Pair<Parameter, NDArray> f : folds) {
                NDArray to = f.getKey().getArray();
                to.set(ALL, to.sub(f.getValue().toType(to.getDataType(), false)));
            }
        }
        return report;
    }

    /** The keys under a skip prefix, with that prefix; a prefix that matches no key is an error (a typo). */
    private Map<String, String> skipped(Set<String> keys) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : skipPrefixes) {
            if (keys.stream().noneMatch(k -> k.startsWith(p))) {
                throw new Seg4jException(sourceName + ": no array key starts with the skip prefix '" + p + "'");
            }
            keys.stream().filter(k -> k.startsWith(p)).forEach(k -> out.putIfAbsent(k, p));
        }
        return out;
    }

    /** How to drop torchvision's training-only auxiliary head when it is what stops an import. */
    private static String auxHint(ImportReport report) {
        boolean aux = report.unused().stream().anyMatch(u -> u.startsWith(AUX_CLASSIFIER));
        return aux ? "\n" + AUX_CLASSIFIER + "* is torchvision's auxiliary head (aux_loss=True), used in training "
                + "only and not built by seg4j: skip it explicitly (seg4j import --skip-prefix " + AUX_CLASSIFIER
                + ", or WeightImporter/ModelImport addSkipPrefix)" : "";
    }

    private ImportReport report(Map<String, NDArray> arrays, Map<String, Parameter> params, Set<String> used,
            Map<String, String> skipped, String prefix, int filled) {
        Set<String> filledTargets = new HashSet<>();
        mapping.entries().forEach(e -> filledTargets.add(e.target()));
        List<String> unfilled = new ArrayList<>();
        params.forEach((name, p) -> {
            if (!filledTargets.contains(name)) {
                unfilled.add(name + " " + p.getArray().getShape());
            }
        });
        List<String> unused = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        arrays.forEach((key, a) -> {
            if (used.contains(key)) {
                return;
            }
            Optional<String> reason = mapping.ignoreReason(key);
            if (skipped.containsKey(key)) {
                ignored.add(key + ": skipped on request (prefix " + skipped.get(key) + ")");
            } else if (reason.isPresent()) {
                ignored.add(key + ": " + reason.get());
            } else {
                unused.add(key + " " + a.getShape());
            }
        });
        return new ImportReport(filled, params.size(), prefix, unfilled, unused, ignored);
    }

    /**
     * The prefix under which the file holds the table's arrays: none for a torchvision classifier
     * ({@code conv1.weight}), {@code backbone.} or {@code encoder.} for segmentation models. Among
     * the keys that end with the table's first source name, the prefix under which most of the
     * table's sources exist wins ({@code layer1.0.conv1.weight} also ends with {@code conv1.weight}).
     */
    private String detectPrefix(Set<String> keys) {
        String anchor = mapping.anchor();
        Map<String, Integer> scores = new LinkedHashMap<>();
        for (String k : keys) {
            if (k.equals(anchor) || k.endsWith("." + anchor)) {
                String prefix = k.substring(0, k.length() - anchor.length());
                scores.put(prefix, (int) mapping.entries().stream()
                        .filter(e -> keys.contains(prefix + e.source())).count());
            }
        }
        if (scores.isEmpty()) {
            List<String> first = new ArrayList<>(keys).subList(0, Math.min(8, keys.size()));
            throw new Seg4jException(sourceName + ": has no array " + anchor + " (nor *." + anchor
                    + "), the first one this network's mapping table needs; its arrays start with: "
                    + String.join(", ", first));
        }
        int best = scores.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
        List<String> winners = scores.entrySet().stream().filter(e -> e.getValue() == best).map(Map.Entry::getKey)
                .toList();
        if (winners.size() > 1) {
            throw new Seg4jException(sourceName + ": the arrays fit this network's table equally well under the key "
                    + "prefixes " + winners + "; name the prefix to use");
        }
        return winners.get(0);
    }

    private static List<String> head(List<String> items) {
        if (items.size() <= LISTED) {
            return items;
        }
        List<String> out = new ArrayList<>(items.subList(0, LISTED));
        out.add("... and " + (items.size() - LISTED) + " more");
        return out;
    }

    /** Builder: {@link #setMapping} is required. */
    public static final class Builder {
        private WeightMapping mapping;
        private String sourcePrefix;
        private boolean partial;
        private String sourceName = "weights";
        private final List<String> skipPrefixes = new ArrayList<>();

        private Builder() {}

        /**
         * Source arrays whose key starts with {@code prefix} are left out on purpose (e.g. {@code
         * aux_classifier.}, torchvision's training-only auxiliary head): listed as ignored in the
         * report, never used. A prefix that matches no key, or an array the table needs, is an
         * error.
         */
        public Builder addSkipPrefix(String prefix) {
            if (prefix == null || prefix.isEmpty()) {
                throw new Seg4jException("a skip prefix must not be empty");
            }
            skipPrefixes.add(prefix);
            return this;
        }

        /** The mapping table. */
        public Builder setMapping(WeightMapping mapping) {
            this.mapping = mapping;
            return this;
        }

        /**
         * The key prefix of the source arrays (e.g. {@code backbone.}); default: recognised from
         * where the table's first array is.
         */
        public Builder optSourcePrefix(String sourcePrefix) {
            this.sourcePrefix = sourcePrefix;
            return this;
        }

        /**
         * Allow parameters left at initialisation and unused arrays (default false), e.g. an
         * encoder-only import whose decoder starts fresh. Both are listed in the report either way.
         */
        public Builder optPartial(boolean partial) {
            this.partial = partial;
            return this;
        }

        /** How errors name the source (default {@code weights}; usually the file). */
        public Builder optSourceName(String sourceName) {
            this.sourceName = sourceName;
            return this;
        }

        /** Validates and builds. */
        public WeightImporter build() {
            if (mapping == null || mapping.entries().isEmpty()) {
                throw new Seg4jException("a weight import needs a non-empty mapping table");
            }
            return new WeightImporter(this);
        }
    }
}
