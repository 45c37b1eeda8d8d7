package org.seg4j.data.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.data.layout.DatasetEntry;

class GroupKeyTest {

    @TempDir
    Path tmp;

    private static DatasetEntry entry(String fileName) {
        String stem = fileName.substring(0, fileName.lastIndexOf('.'));
        return new DatasetEntry(stem, Path.of("data/train").resolve(fileName), null);
    }

    @Test
    void camvidDefaultIsTheSequencePrefix() {
        GroupKey key = GroupKey.forLayout("camvid").orElseThrow();
        assertThat(key.groupOf(entry("0016E5_07959.png"))).isEqualTo("0016E5");
        assertThat(key.groupOf(entry("0001TP_006690.png"))).isEqualTo("0001TP");
        assertThat(key.groupOf(entry("Seq05VD_f00000.png"))).isEqualTo("Seq05VD");
        assertThat(GroupKey.forLayout("folder")).isEmpty();
    }

    @Test
    void regexUsesItsCaptureGroupAnywhereInTheName() {
        GroupKey key = GroupKey.parse("patient(\\d+)-");
        assertThat(key.groupOf(entry("scan_patient12-slice3.png"))).isEqualTo("12");
        assertThat(key.describe()).isEqualTo("regex patient(\\d+)- on the file name");
    }

    @Test
    void aFileNameThatDoesNotMatchIsAnErrorNamingTheFile() {
        GroupKey key = GroupKey.regex(GroupKey.CAMVID_SEQUENCE);
        assertThatThrownBy(() -> key.groupOf(entry("frame7.png")))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("frame7.png")
                .hasMessageContaining("does not match the group pattern ^([^_]+)_");
    }

    @Test
    void theRegexNeedsExactlyOneCaptureGroup() {
        assertThatThrownBy(() -> GroupKey.parse("^[^_]+_")).hasMessageContaining("has 0 capture groups");
        assertThatThrownBy(() -> GroupKey.parse("^(a)(b)")).hasMessageContaining("has 2 capture groups");
        assertThatThrownBy(() -> GroupKey.parse("^(a")).hasMessageContaining("invalid regular expression");
        assertThatThrownBy(() -> GroupKey.parse(" ")).hasMessageContaining("group_by is empty");
    }

    @Test
    void csvMapsFileNamesOrStemsToGroups() throws Exception {
        Path csv = tmp.resolve("groups.csv");
        Files.writeString(csv, "file,group\n# comment\n\na.png, site1\nb,site2\n");
        GroupKey key = GroupKey.parse("csv:" + csv);
        assertThat(key.groupOf(entry("a.png"))).isEqualTo("site1");
        assertThat(key.groupOf(entry("b.png"))).isEqualTo("site2");
        assertThatThrownBy(() -> key.groupOf(entry("c.png")))
                .hasMessageContaining("c.png").hasMessageContaining("no row for this file")
                .hasMessageContaining(csv.toString());
    }

    @Test
    void badCsvFilesAreErrorsNamingTheFileAndLine() throws Exception {
        Path csv = tmp.resolve("bad.csv");
        Files.writeString(csv, "a.png,x\nb.png\n");
        assertThatThrownBy(() -> GroupKey.csv(csv)).hasMessage(csv + ":2: expected 'file,group', got 'b.png'");
        Files.writeString(csv, "a.png,x\na.png,y\n");
        assertThatThrownBy(() -> GroupKey.csv(csv)).hasMessageContaining(csv + ":2: a.png is in group 'x'");
        Files.writeString(csv, "file,group\n");
        assertThatThrownBy(() -> GroupKey.csv(csv)).hasMessageContaining("no 'file,group' rows");
        assertThatThrownBy(() -> GroupKey.csv(tmp.resolve("none.csv"))).hasMessageContaining("not found");
    }

    @Test
    void resolveFallsBackToTheLayoutDefaultOrAsksForTheOption() {
        assertThat(GroupKey.resolve(null, "camvid", "--group-by").groupOf(entry("0006R0_f1.png"))).isEqualTo("0006R0");
        assertThat(GroupKey.resolve("^(\\w)", "folder", "--group-by").groupOf(entry("x1.png"))).isEqualTo("x");
        assertThatThrownBy(() -> GroupKey.resolve(null, "folder", "--group-by"))
                .hasMessageContaining("the folder layout has no default sample groups: give --group-by");
    }
}
