package org.seg4j.data.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.DatasetFixtures;
import org.seg4j.data.SegmentationDataset;

class SampleGroupsTest {

    @TempDir
    Path root;

    private SampleGroups camvidGroups() {
        GroupFixtures.camvid(root, "train", 2, "0001TP", "0006R0");
        GroupFixtures.camvid(root, "train", 3, "0016E5");
        SegmentationDataset train = SegmentationDataset.open(root, "camvid", "train");
        return SampleGroups.of(train, GroupKey.forLayout("camvid").orElseThrow());
    }

    @Test
    void listsTheGroupsWithTheirSizes() {
        SampleGroups groups = camvidGroups();
        assertThat(groups.names()).containsExactly("0001TP", "0006R0", "0016E5");
        assertThat(groups.sizes()).containsExactly(Map.entry("0001TP", 2), Map.entry("0006R0", 2),
                Map.entry("0016E5", 3));
        assertThat(groups.groupOf(0)).isEqualTo("0001TP");
        assertThat(groups.toString()).isEqualTo("3 groups in split train by regex ^([^_]+)_ on the file name: "
                + "0001TP (2), 0006R0 (2), 0016E5 (3)");
    }

    @Test
    void selectAndExcludeKeepWholeGroups() {
        SampleGroups groups = camvidGroups();
        SegmentationDataset val = groups.select(List.of("0016E5"), "--val-groups");
        SegmentationDataset train = groups.exclude(List.of("0016E5"), "--val-groups");
        assertThat(val.entries()).extracting(e -> e.id())
                .containsExactly("0016E5_00000", "0016E5_00030", "0016E5_00060");
        assertThat(train.entries()).extracting(e -> e.id())
                .containsExactly("0001TP_00000", "0001TP_00030", "0006R0_00000", "0006R0_00030");
        assertThat(train.fingerprint()).isNotEqualTo(groups.dataset().fingerprint());
        assertThat(groups.select(List.of("0001TP", "0006R0"), "x").size()).isEqualTo(4);
    }

    @Test
    void unknownGroupsAreAnErrorListingTheGroupsFound() {
        SampleGroups groups = camvidGroups();
        assertThatThrownBy(() -> groups.select(List.of("0016E5", "Seq05VD"), "--val-groups"))
                .hasMessage("--val-groups: unknown group Seq05VD; split 'train' has the groups 0001TP (2), "
                        + "0006R0 (2), 0016E5 (3) (regex ^([^_]+)_ on the file name)");
        assertThatThrownBy(() -> groups.exclude(List.of(), "--val-groups")).hasMessageContaining("no group given");
        assertThatThrownBy(() -> groups.exclude(groups.names(), "--val-groups"))
                .hasMessageContaining("leaves no samples of split 'train'");
    }

    @Test
    void aFileWithoutAGroupIsAnErrorNamingIt() {
        DatasetFixtures.camvid(root, 2, "train"); // train_0.png, train_1.png
        SegmentationDataset train = SegmentationDataset.open(root, "camvid", "train");
        assertThatThrownBy(() -> SampleGroups.of(train, GroupKey.regex("^(\\d+)_")))
                .hasMessageContaining("train_0.png: the file name does not match the group pattern ^(\\d+)_");
    }
}
