package org.seg4j.data.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;
import org.seg4j.data.Sample;

class SyntheticStreetScenesTest {

    private static final SyntheticStreetScenes SCENES = SyntheticStreetScenes.of(7);

    @Test
    void generatingTwiceGivesIdenticalBytes() {
        SyntheticStreetScenes other = SyntheticStreetScenes.builder().optSeed(7).build();
        for (int i : new int[] {0, 1, 17, 999, 123456}) {
            Sample a = SCENES.generate(i);
            Sample b = other.generate(i);
            assertThat(a.image().data()).isEqualTo(b.image().data());
            assertThat(a.mask().data()).isEqualTo(b.mask().data());
            assertThat(a.id()).isEqualTo(b.id());
        }
    }

    @Test
    void indicesAndSeedsGiveDifferentScenes() {
        assertThat(SCENES.generate(1).image().data()).isNotEqualTo(SCENES.generate(2).image().data());
        assertThat(SyntheticStreetScenes.of(8).generate(1).mask().data())
                .isNotEqualTo(SCENES.generate(1).mask().data());
    }

    @Test
    void sizeIsConfigurableAndDefaultsTo96By128() {
        Sample d = SCENES.generate(0);
        assertThat(d.image().height()).isEqualTo(96);
        assertThat(d.image().width()).isEqualTo(128);
        Sample s = SyntheticStreetScenes.builder().optSize(64, 80).build().generate(3);
        assertThat(s.image().height()).isEqualTo(64);
        assertThat(s.image().width()).isEqualTo(80);
        assertThat(s.mask().width()).isEqualTo(80);
        assertThatThrownBy(() -> SyntheticStreetScenes.builder().optSize(10, 80).build())
                .isInstanceOf(Seg4jException.class).hasMessageContaining("10x80");
    }

    @Test
    void everyClassAppearsWithAPlausibleShare() {
        int n = StreetClasses.meta().numClasses();
        long[] pixels = new long[n];
        int[] imagesWith = new int[n];
        int images = 40;
        for (int i = 0; i < images; i++) {
            long[] own = new long[n];
            for (byte b : SCENES.generate(i).mask().data()) {
                int v = b & 0xFF;
                assertThat(v).isLessThan(n);
                own[v]++;
            }
            for (int c = 0; c < n; c++) {
                pixels[c] += own[c];
                imagesWith[c] += own[c] > 0 ? 1 : 0;
            }
        }
        long total = 40L * 96 * 128;
        double[][] range = {
            {0.05, 0.35}, {0.2, 0.55}, {0.08, 0.35}, {0.04, 0.2}, {0.02, 0.15}, {0.03, 0.15}, {0.01, 0.12}};
        for (int c = 0; c < n; c++) {
            double share = (double) pixels[c] / total;
            assertThat(share).as("share of %s", StreetClasses.meta().name(c)).isBetween(range[c][0], range[c][1]);
        }
        assertThat(imagesWith[StreetClasses.CAR]).isEqualTo(images);
        assertThat(imagesWith[StreetClasses.PEDESTRIAN]).isGreaterThan(images * 3 / 4);
        assertThat(imagesWith[StreetClasses.TREE]).isGreaterThan(images / 2);
    }

    /**
     * Colour alone must not give the answer: a lookup table from quantised colour to the most
     * frequent label, fitted on some scenes, must do clearly worse on others than a trained model.
     */
    @Test
    void colourAloneDoesNotDetermineTheClass() {
        Map<Integer, long[]> table = new HashMap<>();
        int n = StreetClasses.meta().numClasses();
        for (int i = 0; i < 30; i++) {
            Sample s = SCENES.generate(i);
            for (int p = 0; p < s.mask().data().length; p++) {
                table.computeIfAbsent(key(s, p), k -> new long[n])[s.mask().data()[p]]++;
            }
        }
        long correct = 0;
        long total = 0;
        for (int i = 100; i < 110; i++) {
            Sample s = SCENES.generate(i);
            for (int p = 0; p < s.mask().data().length; p++) {
                long[] votes = table.get(key(s, p));
                int guess = 0;
                for (int c = 1; votes != null && c < n; c++) {
                    guess = votes[c] > votes[guess] ? c : guess;
                }
                correct += guess == s.mask().data()[p] ? 1 : 0;
                total++;
            }
        }
        assertThat((double) correct / total).isLessThan(0.7);
    }

    private static int key(Sample s, int p) {
        byte[] d = s.image().data();
        return ((d[p * 3] & 0xF0) << 4) | (d[p * 3 + 1] & 0xF0) | ((d[p * 3 + 2] & 0xF0) >> 4);
    }

    @Test
    void actsAsASampleSource() {
        SyntheticStreetScenes src = SyntheticStreetScenes.builder().optSeed(3).optCount(5).build();
        assertThat(src.size()).isEqualTo(5);
        assertThat(src.classes().names()).contains("sky", "building", "road", "pavement", "tree", "car", "pedestrian");
        assertThat(src.load(4).mask().data()).isEqualTo(src.generate(4).mask().data());
        assertThat(src.id(4)).isEqualTo(src.load(4).id());
        assertThatThrownBy(() -> src.load(5)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
