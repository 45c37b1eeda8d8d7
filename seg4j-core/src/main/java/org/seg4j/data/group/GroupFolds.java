package org.seg4j.data.group;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seg4j.Seg4jException;

/**
 * Cross-validation folds over groups: each fold holds out some groups as its validation set and
 * trains on the others, so no group is ever on both sides of a fold.
 */
public final class GroupFolds {

    /**
     * One fold.
     *
     * @param name folder-safe name: the held-out group for leave-one-group-out, {@code k1}, {@code k2},
     *     ... for K folds of several groups
     * @param heldOut the groups validated on, never trained on
     */
    public record Fold(String name, List<String> heldOut) {
        public Fold {
            heldOut = List.copyOf(heldOut);
        }
    }

    private GroupFolds() {}

    /** One fold per group, in the order of {@code groups}. */
    public static List<Fold> leaveOneGroupOut(List<String> groups) {
        requireTwo(groups.size(), "leave-one-group-out");
        List<Fold> folds = groups.stream().map(g -> new Fold(safeName(g), List.of(g))).toList();
        if (folds.stream().map(Fold::name).distinct().count() < folds.size()) {
            throw new Seg4jException("group names " + groups + " do not give distinct folder names (characters "
                    + "other than letters, digits, '.', '-' and '_' become '_')");
        }
        return folds;
    }

    /**
     * {@code k} folds of whole groups with sample counts as even as possible: groups from the largest
     * down each go to the fold with the fewest samples so far (ties: the earlier fold), as
     * scikit-learn's GroupKFold does. With as many folds as groups this is leave-one-group-out.
     *
     * @param sizes group name to sample count
     */
    public static List<Fold> kFold(Map<String, Integer> sizes, int k) {
        requireTwo(sizes.size(), k + " folds");
        if (k < 2 || k > sizes.size()) {
            throw new Seg4jException("--folds " + k + ": need between 2 and the number of groups (" + sizes.size()
                    + ") folds");
        }
        if (k == sizes.size()) {
            return leaveOneGroupOut(List.copyOf(sizes.keySet()));
        }
        List<Map.Entry<String, Integer>> bySize = new ArrayList<>(sizes.entrySet());
        bySize.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        List<List<String>> folds = new ArrayList<>();
        long[] counts = new long[k];
        for (int i = 0; i < k; i++) {
            folds.add(new ArrayList<>());
        }
        for (Map.Entry<String, Integer> e : bySize) {
            int target = 0;
            for (int i = 1; i < k; i++) {
                if (counts[i] < counts[target]) {
                    target = i;
                }
            }
            folds.get(target).add(e.getKey());
            counts[target] += e.getValue();
        }
        List<Fold> result = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            List<String> held = new ArrayList<>(folds.get(i));
            held.sort(null);
            result.add(new Fold("k" + (i + 1), held));
        }
        return result;
    }

    /**
     * Parses {@code leave-one-group-out} (alias {@code logo}) or a fold count.
     *
     * @param sizes the groups found, name to sample count
     */
    public static List<Fold> parse(String spec, Map<String, Integer> sizes) {
        String s = spec == null ? "leave-one-group-out" : spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("leave-one-group-out") || s.equals("logo")) {
            return leaveOneGroupOut(List.copyOf(sizes.keySet()));
        }
        try {
            return kFold(sizes, Integer.parseInt(s));
        } catch (NumberFormatException e) {
            throw new Seg4jException("--folds must be leave-one-group-out or a number of folds, got '" + spec + "'");
        }
    }

    private static void requireTwo(int groups, String what) {
        if (groups < 2) {
            throw new Seg4jException(what + " needs at least two groups; found " + groups);
        }
    }

    /** A group name as a folder name: characters other than letters, digits, '.', '-' and '_' become '_'. */
    static String safeName(String group) {
        String s = group.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.startsWith(".") ? "_" + s.substring(1) : s;
    }
}
