package org.seg4j.data.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.seg4j.data.ImageFiles;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;

class SelectiveSearchTest {

    private static final Path IMAGE = Path.of("src/test/resources/reference/felzenszwalb/image.png");

    private static SelectiveSearch exactLeaves(String similarities) {
        return SelectiveSearch.builder().optSigma(0).optKs(List.of(1.0))
                .optSimilarities(List.of(Similarity.parse(similarities))).build();
    }

    @Test
    void recoversEveryDrawnRegionAndTheWholeImage() {
        Proposals p = exactLeaves("CTSF").propose(DrawnImages.fourRegions());
        // 4 segments -> 3 merges: 7 regions, none duplicated
        assertThat(p.size()).isEqualTo(7);
        assertThat(p.get(0).size()).isEqualTo(40 * 32);
        LabelMask truth = truthMask();
        List<ProposalRecall.ObjectMatch> matches = ProposalRecall.match(p, truth, 4, 1);
        assertThat(matches).hasSize(4).allSatisfy(m -> assertThat(m.bestIou()).isEqualTo(1.0));
    }

    @Test
    void mergesTheMostSimilarNeighboursFirst() {
        // left half red, right half blue, a slightly lighter red square inside the red half: colour similarity
        // joins the two reds before either touches blue
        RgbImage img = DrawnImages.filled(40, 20, 0xC00000);
        DrawnImages.rect(img, 20, 0, 40, 20, 0x0000C0);
        DrawnImages.rect(img, 5, 5, 12, 12, 0xC20000); // same HSV histogram bins as the red
        Proposals p = exactLeaves("C").propose(img);
        Hierarchy tree = p.hierarchies().get(0);
        assertThat(tree.leafCount()).isEqualTo(3);
        int firstMerge = tree.leafCount();
        int red = tree.leaves().get(0, 0);
        int darkRed = tree.leaves().get(6, 6);
        assertThat(Set.of(tree.childA(firstMerge), tree.childB(firstMerge))).containsExactlyInAnyOrder(red, darkRed);
        assertThat(tree.size(firstMerge)).isEqualTo(20 * 20);
        assertThat(tree.box(firstMerge)).containsExactly(0, 0, 20, 20);
        assertThat(tree.parent(tree.nodeCount() - 1)).isEqualTo(-1);
        assertThat(tree.size(tree.nodeCount() - 1)).isEqualTo(800);
    }

    @Test
    void sizeSimilarityMergesSmallRegionsFirst() {
        // three flat regions of equal colour distance: size alone picks the two small ones
        RgbImage img = DrawnImages.filled(30, 10, 0x000000);
        DrawnImages.rect(img, 20, 0, 25, 10, 0x404040);
        DrawnImages.rect(img, 25, 0, 30, 10, 0x808080);
        Hierarchy tree = exactLeaves("S").propose(img).hierarchies().get(0);
        int first = tree.leafCount();
        assertThat(tree.size(first)).isEqualTo(100);
    }

    @Test
    void fastModeStaysWithinItsBoundsAndCoversEveryPixel() {
        RgbImage img = ImageFiles.read(IMAGE);
        SelectiveSearch fast = SelectiveSearch.fast();
        assertThat(fast.strategies()).isEqualTo(8);
        Proposals p = fast.propose(img);
        int leaves = 0;
        int nodes = 0;
        for (Hierarchy h : p.hierarchies()) {
            leaves += h.leafCount();
            nodes += h.nodeCount();
            assertThat(h.nodeCount()).isEqualTo(2 * h.leafCount() - 1);
        }
        assertThat(p.hierarchies()).hasSize(8);
        assertThat(p.size()).isBetween(leaves / 2, Math.min(2000, nodes));
        Set<Long> hashes = new HashSet<>();
        for (Proposal q : p.list()) {
            assertThat(hashes.add(p.hierarchies().get(q.hierarchy()).pixelHash(q.node()))).isTrue();
        }
        assertThat(p.get(0).size()).isEqualTo(img.width() * img.height());
        // ranks ascend
        for (int i = 1; i < p.size(); i++) {
            assertThat(p.get(i).rank()).isGreaterThanOrEqualTo(p.get(i - 1).rank());
        }
    }

    @Test
    void capKeepsTheBestRankedAndTheWholeImage() {
        RgbImage img = ImageFiles.read(IMAGE);
        Proposals all = SelectiveSearch.builder().build().propose(img);
        Proposals capped = SelectiveSearch.builder().optMaxProposals(10).build().propose(img);
        assertThat(capped.size()).isEqualTo(10);
        for (int i = 0; i < 10; i++) {
            assertThat(capped.get(i).node()).isEqualTo(all.get(i).node());
        }
        assertThat(capped.mask(0)).doesNotContain(false);
    }

    @Test
    void sameSeedSameProposals() {
        RgbImage img = ImageFiles.read(IMAGE);
        List<Proposal> a = SelectiveSearch.fast().propose(img).list();
        List<Proposal> b = SelectiveSearch.fast().propose(img).list();
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).hierarchy()).isEqualTo(b.get(i).hierarchy());
            assertThat(a.get(i).node()).isEqualTo(b.get(i).node());
        }
    }

    @Test
    void maskMatchesSizeAndBox() {
        Proposals p = SelectiveSearch.fast().propose(ImageFiles.read(IMAGE));
        for (int i = 0; i < Math.min(50, p.size()); i++) {
            boolean[] m = p.mask(i);
            int n = 0;
            int[] box = {Integer.MAX_VALUE, Integer.MAX_VALUE, -1, -1};
            for (int k = 0; k < m.length; k++) {
                if (m[k]) {
                    n++;
                    box[0] = Math.min(box[0], k % p.width());
                    box[1] = Math.min(box[1], k / p.width());
                    box[2] = Math.max(box[2], k % p.width() + 1);
                    box[3] = Math.max(box[3], k / p.width() + 1);
                }
            }
            assertThat(n).isEqualTo(p.get(i).size());
            assertThat(p.get(i).box()).containsExactly(box);
        }
    }

    @Test
    void rejectsBadSettings() {
        assertThatThrownBy(() -> SelectiveSearch.builder().optKs(List.of(0.0)).build()).hasMessageContaining("k");
        assertThatThrownBy(() -> SelectiveSearch.builder().optMaxProposals(-1).build())
                .hasMessageContaining("max proposals");
        assertThatThrownBy(() -> Similarity.parse("CX")).hasMessageContaining("'X'");
        assertThatThrownBy(() -> ColourSpace.parse("cmyk")).hasMessageContaining("hsv");
    }

    private static LabelMask truthMask() {
        int[] t = DrawnImages.fourRegionsTruth();
        LabelMask m = LabelMask.filled(40, 32, 0);
        for (int p = 0; p < t.length; p++) {
            m.data()[p] = (byte) t[p];
        }
        return m;
    }
}
