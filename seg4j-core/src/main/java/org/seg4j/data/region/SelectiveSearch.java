package org.seg4j.data.region;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.seg4j.data.RgbImage;

/**
 * Selective search (Uijlings, van de Sande, Gevers and Smeulders, IJCV 2013): region proposals
 * from hierarchical grouping, diversified over colour spaces, initial segmentations (Felzenszwalb
 * with several {@code k}) and similarity combinations. Every combination is one {@link Hierarchy};
 * all their regions are ranked as in the paper (position in the hierarchy, 1 for the whole image,
 * times a random number in [0, 1]) and merged into one list without duplicate pixel sets.
 *
 * <p>Presets follow the paper: {@link #single()} (HSV, k 100, C+T+S+F), {@link #fast()} (HSV and
 * Lab, k 50 and 100, C+T+S+F and T+S+F: eight strategies, capped at 2,000 proposals) and
 * {@link #quality()} (five colour spaces, four k, four combinations: 80 strategies). As in the
 * authors' code the Felzenszwalb minimum segment size equals {@code k}, and sigma is 0.8.
 *
 * <pre>{@code
 * Proposals p = SelectiveSearch.fast().propose(image);
 * boolean[] mask = p.mask(0);
 * }</pre>
 */
public final class SelectiveSearch {

    private final List<ColourSpace> colourSpaces;
    private final List<Double> ks;
    private final List<Set<Similarity>> similarities;
    private final double sigma;
    private final int maxProposals;
    private final long seed;

    private SelectiveSearch(Builder b) {
        this.colourSpaces = List.copyOf(b.colourSpaces);
        this.ks = List.copyOf(b.ks);
        this.similarities = b.similarities.stream().map(s -> (Set<Similarity>) EnumSet.copyOf(s)).toList();
        this.sigma = b.sigma;
        this.maxProposals = b.maxProposals;
        this.seed = b.seed;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** One strategy: HSV, k 100, colour + texture + size + fill. */
    public static SelectiveSearch single() {
        return preset("single", -1);
    }

    /** The paper's fast mode: 8 strategies, at most 2,000 proposals. */
    public static SelectiveSearch fast() {
        return preset("fast", -1);
    }

    /** The paper's quality mode: 80 strategies, no cap. */
    public static SelectiveSearch quality() {
        return preset("quality", -1);
    }

    /** Names of the presets. */
    public static final List<String> PRESETS = List.of("single", "fast", "quality");

    /**
     * A preset by name ({@code single}, {@code fast}, {@code quality}).
     *
     * @param maxProposals the cap, or -1 for the preset's own (2,000 for fast, none otherwise)
     */
    public static SelectiveSearch preset(String name, int maxProposals) {
        Builder b = builder();
        switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "single" -> { }
            case "fast" -> b.optColourSpaces(List.of(ColourSpace.HSV, ColourSpace.LAB))
                    .optKs(List.of(50.0, 100.0))
                    .optSimilarities(List.of(Similarity.parse("CTSF"), Similarity.parse("TSF")))
                    .optMaxProposals(2000);
            case "quality" -> b.optColourSpaces(List.of(ColourSpace.HSV, ColourSpace.LAB, ColourSpace.RGI,
                            ColourSpace.HUE, ColourSpace.INTENSITY))
                    .optKs(List.of(50.0, 100.0, 150.0, 300.0))
                    .optSimilarities(List.of(Similarity.parse("CTSF"), Similarity.parse("TSF"),
                            Similarity.parse("F"), Similarity.parse("S")));
            default -> throw new org.seg4j.Seg4jException("unknown selective search preset '" + name
                    + "'; valid: " + String.join(", ", PRESETS));
        }
        if (maxProposals >= 0) {
            b.optMaxProposals(maxProposals);
        }
        return b.build();
    }

    /** Number of strategies (hierarchies per image). */
    public int strategies() {
        return colourSpaces.size() * ks.size() * similarities.size();
    }

    public int maxProposals() {
        return maxProposals;
    }

    /** The settings in words, e.g. {@code hsv,lab k=50,100 CTSF,TSF max 2000}. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append(String.join(",", colourSpaces.stream().map(c -> c.name().toLowerCase(java.util.Locale.ROOT)).toList()));
        b.append(" k=").append(String.join(",", ks.stream().map(SelectiveSearch::trim).toList()));
        b.append(' ').append(String.join(",", similarities.stream().map(Similarity::letters).toList()));
        if (maxProposals > 0) {
            b.append(" max ").append(maxProposals);
        }
        return b.toString();
    }

    /** The ranked proposals of {@code image}. */
    public Proposals propose(RgbImage image) {
        List<Hierarchy> hierarchies = new ArrayList<>();
        for (ColourSpace space : colourSpaces) {
            RgbImage converted = space.convert(image);
            PixelDescriptors pixels = PixelDescriptors.of(converted);
            for (double k : ks) {
                Segments leaves = new Felzenszwalb(k, sigma, Math.max(1, (int) k)).segment(converted);
                for (Set<Similarity> sims : similarities) {
                    String name = space.name().toLowerCase(java.util.Locale.ROOT) + " k=" + trim(k) + " "
                            + Similarity.letters(sims);
                    hierarchies.add(new HierarchicalGrouping(sims).group(leaves, pixels, name));
                }
            }
        }
        Random random = new Random(seed);
        List<Proposal> all = new ArrayList<>();
        for (int h = 0; h < hierarchies.size(); h++) {
            Hierarchy tree = hierarchies.get(h);
            int nodes = tree.nodeCount();
            for (int v = 0; v < nodes; v++) {
                double position = nodes - v;
                // the whole image (position 1) ranks 0 so that a capped list always covers every pixel
                double rank = position == 1 ? 0 : position * random.nextDouble();
                all.add(new Proposal(h, v, tree.box(v), tree.size(v), rank));
            }
        }
        all.sort(Comparator.comparingDouble(Proposal::rank));
        Set<Long> kept = new HashSet<>();
        List<Proposal> out = new ArrayList<>();
        for (Proposal p : all) {
            long hash = hierarchies.get(p.hierarchy()).pixelHash(p.node()) ^ p.size();
            if (!kept.add(hash)) {
                continue;
            }
            out.add(p);
            if (maxProposals > 0 && out.size() == maxProposals) {
                break;
            }
        }
        return new Proposals(image.width(), image.height(), hierarchies, out);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** Builds a {@link SelectiveSearch}; the defaults are {@link #single()}'s. */
    public static final class Builder {
        private List<ColourSpace> colourSpaces = List.of(ColourSpace.HSV);
        private List<Double> ks = List.of(100.0);
        private List<Set<Similarity>> similarities = List.of(EnumSet.allOf(Similarity.class));
        private double sigma = 0.8;
        private int maxProposals;
        private long seed = 42;

        public Builder optColourSpaces(List<ColourSpace> spaces) {
            this.colourSpaces = List.copyOf(spaces);
            return this;
        }

        /** Felzenszwalb {@code k} values (scale on 0-255; also the minimum segment size). */
        public Builder optKs(List<Double> values) {
            this.ks = List.copyOf(values);
            return this;
        }

        public Builder optSimilarities(List<Set<Similarity>> combinations) {
            this.similarities = List.copyOf(combinations);
            return this;
        }

        /** Gaussian pre-smoothing of the initial segmentation (default 0.8). */
        public Builder optSigma(double value) {
            this.sigma = value;
            return this;
        }

        /** Keep at most this many proposals, best-ranked first (0 = all, the default). */
        public Builder optMaxProposals(int value) {
            this.maxProposals = value;
            return this;
        }

        /** Seed of the ranking's random factors (default 42): the same seed gives the same list. */
        public Builder optSeed(long value) {
            this.seed = value;
            return this;
        }

        public SelectiveSearch build() {
            if (colourSpaces.isEmpty() || ks.isEmpty() || similarities.isEmpty()) {
                throw new IllegalArgumentException("selective search needs at least one colour space, k and "
                        + "similarity combination");
            }
            for (double k : ks) {
                if (!(k > 0)) {
                    throw new IllegalArgumentException("selective search k must be positive, got " + k);
                }
            }
            if (maxProposals < 0) {
                throw new IllegalArgumentException("max proposals must be 0 (all) or positive, got " + maxProposals);
            }
            if (!(sigma >= 0)) {
                throw new IllegalArgumentException("sigma must be at least 0, got " + sigma);
            }
            return new SelectiveSearch(this);
        }
    }
}
