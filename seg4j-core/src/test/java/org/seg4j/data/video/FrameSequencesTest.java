package org.seg4j.data.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.data.layout.DatasetEntry;

class FrameSequencesTest {

    @TempDir
    Path dir;

    private DatasetEntry entry(String id, boolean labelled) throws Exception {
        Path mask = dir.resolve(id + "_mask.png");
        if (labelled) {
            Files.writeString(mask, "x");
        }
        return new DatasetEntry(id, dir.resolve(id + ".png"), mask);
    }

    @Test
    void groupsCamVidNamesByPrefixAndOrdersByNumber() throws Exception {
        List<FrameSequence> seqs = FrameSequences.fromEntries(List.of(
                entry("0016E5_07963", true), entry("0001TP_006690", true), entry("0016E5_07959", true),
                entry("0016E5_07961", false), entry("0001TP_006720", true), entry("0016E5_07969", true)));
        assertThat(seqs).extracting(FrameSequence::name).containsExactly("0016E5", "0001TP");
        FrameSequence s = seqs.get(0);
        assertThat(s.frames()).extracting(ClipFrame::number).containsExactly(7959L, 7961L, 7963L, 7969L);
        assertThat(s.spacing()).isEqualTo(2);
        assertThat(s.gaps()).isEqualTo(1);
        assertThat(s.labelledCount()).isEqualTo(3);
        assertThat(s.frames().get(1).labelled()).isFalse();
        assertThat(seqs.get(1).spacing()).isEqualTo(30);
    }

    @Test
    void camVidNamesWithALetterBeforeTheNumberGroupToo() throws Exception {
        // CamVid's 0006R0 and Seq05VD frames are named with an 'f' before the number
        List<FrameSequence> seqs = FrameSequences.fromEntries(List.of(entry("0006R0_f00960", true),
                entry("0006R0_f00930", true), entry("Seq05VD_f00000", true), entry("0016E5_07959", true)));
        assertThat(seqs).extracting(FrameSequence::name).containsExactly("0006R0", "Seq05VD", "0016E5");
        assertThat(seqs.get(0).frames()).extracting(ClipFrame::number).containsExactly(930L, 960L);
        assertThat(FrameSequences.orderedGroups(List.of("0006R0_f00960", "0016E5_07959", "0006R0_f00930")))
                .containsExactly(new int[] {2, 0}, new int[] {1});
    }

    @Test
    void namesWithoutFrameNumbersAreAnError() throws Exception {
        assertThatThrownBy(() -> FrameSequences.fromEntries(List.of(entry("street", false))))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("street")
                .hasMessageContaining("clip-folder");
    }

    @Test
    void readsClipFoldersWithSparseMasks() throws Exception {
        Path a = dir.resolve("clips/walk");
        Files.createDirectories(a.resolve("frames"));
        Files.createDirectories(a.resolve("masks"));
        for (String f : List.of("f10", "f2", "f1")) {
            Files.writeString(a.resolve("frames/" + f + ".png"), "x");
        }
        Files.writeString(a.resolve("masks/f2.png"), "x");
        Files.createDirectories(dir.resolve("clips/b/frames"));
        Files.writeString(dir.resolve("clips/b/frames/x.jpg"), "x");
        Files.createDirectories(dir.resolve("clips/not-a-clip"));

        assertThat(FrameSequences.isClipFolder(dir.resolve("clips"))).isTrue();
        List<FrameSequence> clips = FrameSequences.fromClipFolder(dir.resolve("clips"));
        assertThat(clips).extracting(FrameSequence::name).containsExactly("b", "walk");
        FrameSequence walk = clips.get(1);
        assertThat(walk.frames()).extracting(ClipFrame::id).containsExactly("f1", "f2", "f10");
        assertThat(walk.frames()).extracting(ClipFrame::labelled).containsExactly(false, true, false);
        assertThat(clips.get(0).frames()).extracting(ClipFrame::number).containsExactly(0L);

        assertThatThrownBy(() -> FrameSequences.fromClipFolder(dir.resolve("clips/walk")))
                .hasMessageContaining("no clips found");
        assertThat(FrameSequences.fromFrameFolder(a.resolve("frames")).frames()).extracting(ClipFrame::labelled)
                .containsOnly(false);
    }
}
