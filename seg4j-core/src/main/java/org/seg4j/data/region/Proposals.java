package org.seg4j.data.region;

import java.util.List;

/**
 * The regions selective search proposed for one image, best-ranked first, with the hierarchies
 * they come from (so that a region's pixels, and values pooled over them, can be computed from
 * its initial segments).
 *
 * <p>Every pixel lies in at least one proposal: the last merge of each hierarchy is the whole
 * image, and it ranks first in its hierarchy (a capped list keeps the best-ranked regions, and the
 * whole image is always kept).
 */
public final class Proposals {

    private final int width;
    private final int height;
    private final List<Hierarchy> hierarchies;
    private final List<Proposal> proposals;

    Proposals(int width, int height, List<Hierarchy> hierarchies, List<Proposal> proposals) {
        this.width = width;
        this.height = height;
        this.hierarchies = List.copyOf(hierarchies);
        this.proposals = List.copyOf(proposals);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The grouping runs, one per strategy. */
    public List<Hierarchy> hierarchies() {
        return hierarchies;
    }

    /** The proposals, best-ranked first, without duplicate pixel sets. */
    public List<Proposal> list() {
        return proposals;
    }

    public int size() {
        return proposals.size();
    }

    public Proposal get(int i) {
        return proposals.get(i);
    }

    /** Proposal {@code i}'s pixels as a {@code width * height} mask. */
    public boolean[] mask(int i) {
        Proposal p = proposals.get(i);
        return hierarchies.get(p.hierarchy()).mask(p.node());
    }
}
