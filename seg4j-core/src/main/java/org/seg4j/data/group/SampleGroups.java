package org.seg4j.data.group;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.seg4j.Seg4jException;
import org.seg4j.data.SegmentationDataset;

/**
 * The groups of one split (see {@link GroupKey}) and the subsets that keep whole groups together.
 *
 * <pre>
 * SampleGroups groups = SampleGroups.of(train, GroupKey.regex(GroupKey.CAMVID_SEQUENCE));
 * SegmentationDataset heldOut = groups.select(List.of("0016E5"), "--val-groups");
 * SegmentationDataset rest = groups.exclude(List.of("0016E5"), "--val-groups");
 * </pre>
 *
 * Group names given by the user are checked: an unknown one is an error that lists the groups found.
 */
public final class SampleGroups {

    private final SegmentationDataset data;
    private final GroupKey key;
    private final String[] groupOf;
    private final Map<String, Integer> sizes;

    private SampleGroups(SegmentationDataset data, GroupKey key, String[] groupOf, Map<String, Integer> sizes) {
        this.data = data;
        this.key = key;
        this.groupOf = groupOf;
        this.sizes = sizes;
    }

    /** The groups of {@code data}'s samples; a sample without a group is an error naming its file. */
    public static SampleGroups of(SegmentationDataset data, GroupKey key) {
        String[] groupOf = new String[data.size()];
        Map<String, Integer> sizes = new TreeMap<>();
        for (int i = 0; i < groupOf.length; i++) {
            groupOf[i] = key.groupOf(data.entries().get(i));
            sizes.merge(groupOf[i], 1, Integer::sum);
        }
        return new SampleGroups(data, key, groupOf, Collections.unmodifiableMap(sizes));
    }

    /** The group names, sorted. */
    public List<String> names() {
        return List.copyOf(sizes.keySet());
    }

    /** Group name to number of samples, sorted by name. */
    public Map<String, Integer> sizes() {
        return sizes;
    }

    /** The group of sample {@code index} of {@link #dataset()}. */
    public String groupOf(int index) {
        return groupOf[index];
    }

    /** The data set whose samples are grouped. */
    public SegmentationDataset dataset() {
        return data;
    }

    /** How the groups were derived. */
    public GroupKey key() {
        return key;
    }

    /** The samples whose group is one of {@code groups}; {@code option} names the source in errors. */
    public SegmentationDataset select(Collection<String> groups, String option) {
        Set<String> wanted = requireKnown(groups, option);
        return keep(g -> wanted.contains(g), "selecting groups " + wanted + " (" + option + ")");
    }

    /** The samples whose group is none of {@code groups}; {@code option} names the source in errors. */
    public SegmentationDataset exclude(Collection<String> groups, String option) {
        Set<String> unwanted = requireKnown(groups, option);
        return keep(g -> !unwanted.contains(g), "leaving out groups " + unwanted + " (" + option + ")");
    }

    /**
     * The given names as a set, after checking that each is a group of this split: an unknown name is
     * an error that lists the groups found.
     */
    public Set<String> requireKnown(Collection<String> groups, String option) {
        if (groups == null || groups.isEmpty()) {
            throw new Seg4jException(option + ": no group given; groups found: " + describeGroups());
        }
        Set<String> set = new LinkedHashSet<>(groups);
        List<String> unknown = set.stream().filter(g -> !sizes.containsKey(g)).toList();
        if (!unknown.isEmpty()) {
            throw new Seg4jException(option + ": unknown group" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + "; split '" + data.split() + "' has the groups "
                    + describeGroups() + " (" + key.describe() + ")");
        }
        return set;
    }

    private SegmentationDataset keep(Predicate<String> kept, String what) {
        List<String> drop = new ArrayList<>();
        for (int i = 0; i < groupOf.length; i++) {
            if (!kept.test(groupOf[i])) {
                drop.add(data.id(i));
            }
        }
        if (drop.size() == groupOf.length) {
            throw new Seg4jException(what + " leaves no samples of split '" + data.split() + "' (groups: "
                    + describeGroups() + ")");
        }
        return data.without(drop);
    }

    /** The groups with their sizes, e.g. {@code 0001TP (62), 0006R0 (101)}. */
    public String describeGroups() {
        return sizes.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                .collect(Collectors.joining(", "));
    }

    /** One line, e.g. {@code 3 groups in split train by regex ^([^_]+)_ on the file name: ...}. */
    @Override
    public String toString() {
        return sizes.size() + " group" + (sizes.size() == 1 ? "" : "s") + " in split " + data.split() + " by "
                + key.describe() + ": " + describeGroups();
    }
}
