package org.seg4j.data.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seg4j.data.group.GroupFolds.Fold;

class GroupFoldsTest {

    @Test
    void leaveOneGroupOutHasOneFoldPerGroup() {
        List<Fold> folds = GroupFolds.parse("leave-one-group-out", Map.of("b", 1, "a", 2));
        assertThat(folds).hasSize(2);
        assertThat(folds).extracting(Fold::heldOut).containsExactlyInAnyOrder(List.of("a"), List.of("b"));
        assertThat(GroupFolds.leaveOneGroupOut(List.of("seq 1", "x"))).extracting(Fold::name)
                .containsExactly("seq_1", "x");
    }

    @Test
    void kFoldBalancesSampleCountsAndUsesEveryGroupOnce() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("a", 10);
        sizes.put("b", 7);
        sizes.put("c", 4);
        sizes.put("d", 3);
        List<Fold> folds = GroupFolds.kFold(sizes, 2);
        // 10 -> k1, 7 -> k2, 4 -> k2 (7 < 10), 3 -> k1 (10 < 11)
        assertThat(folds).containsExactly(new Fold("k1", List.of("a", "d")), new Fold("k2", List.of("b", "c")));
        assertThat(GroupFolds.parse("4", sizes)).extracting(Fold::name).containsExactly("a", "b", "c", "d");
    }

    @Test
    void badFoldSpecificationsAreErrors() {
        Map<String, Integer> sizes = Map.of("a", 1, "b", 1);
        assertThatThrownBy(() -> GroupFolds.parse("3", sizes)).hasMessageContaining("between 2 and the number");
        assertThatThrownBy(() -> GroupFolds.parse("many", sizes)).hasMessageContaining("--folds must be");
        assertThatThrownBy(() -> GroupFolds.parse("logo", Map.of("a", 1))).hasMessageContaining("at least two");
        assertThatThrownBy(() -> GroupFolds.leaveOneGroupOut(List.of("a b", "a_b")))
                .hasMessageContaining("distinct folder names");
    }
}
