package org.seg4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.seg4j.data.Sample;
import org.seg4j.data.synth.SyntheticStreetScenes;
import org.seg4j.model.instance.maskrcnn.InstanceTargets;

/**
 * {@link Augmentations#instances}, the Mask R-CNN pipeline: flips and scale jitter move image,
 * masks and boxes together, and every box (computed by {@link InstanceTargets} from the
 * transformed annotation) is its transformed mask's bounding box.
 */
class AugmentationsInstancesTest {

    private static final int[] LABEL_OF_CLASS = labels();

    private static final Sample SCENE = SyntheticStreetScenes.builder().optSeed(11).optSize(48, 64)
            .optInstances(true).build().generate(2);

    private static int[] labels() {
        SyntheticStreetScenes s = SyntheticStreetScenes.builder().optInstances(true).build();
        int[] out = new int[s.classes().numClasses()];
        int next = 1;
        for (int c = 0; c < out.length; c++) {
            out[c] = s.classes().isThing(c) ? next++ : 0;
        }
        return out;
    }

    @Test
    void flippedBoxesAreTheMirroredBoxesOfTheMirroredMasks() {
        InstanceTargets before = InstanceTargets.of(SCENE.instances(), LABEL_OF_CLASS);
        assertThat(before.size()).as("the scene has things").isGreaterThan(1);
        TrainConfig flipOnly = TrainConfig.builder().optHflip(true).optScale(1, 1).build();
        int w = SCENE.image().width();
        int flipped = 0;
        for (long seed = 0; seed < 8; seed++) {
            Sample s = Augmentations.instances(flipOnly).apply(SCENE, new Random(seed));
            boolean same = java.util.Arrays.equals(s.image().data(), SCENE.image().data());
            boolean mirrored = !same;
            InstanceTargets after = InstanceTargets.of(s.instances(), LABEL_OF_CLASS);
            assertBoxesFitMasks(after);
            assertThat(after.labels()).containsExactly(before.labels());
            if (!mirrored) {
                assertThat(after.boxes()).containsExactly(before.boxes());
                continue;
            }
            flipped++;
            for (int y = 0; y < SCENE.image().height(); y++) {
                for (int x = 0; x < w; x++) {
                    assertThat(s.image().rgb(x, y)).isEqualTo(SCENE.image().rgb(w - 1 - x, y));
                }
            }
            for (int g = 0; g < before.size(); g++) {
                for (int i = 0; i < before.masks()[g].length; i++) {
                    int x = i % w;
                    int mirror = i - x + w - 1 - x;
                    assertThat(after.masks()[g][i]).isEqualTo(before.masks()[g][mirror]);
                }
                float[] b = java.util.Arrays.copyOfRange(before.boxes(), 4 * g, 4 * g + 4);
                assertThat(java.util.Arrays.copyOfRange(after.boxes(), 4 * g, 4 * g + 4))
                        .containsExactly(w - b[2], b[1], w - b[0], b[3]);
            }
        }
        assertThat(flipped).as("half the draws flip").isBetween(1, 7);
    }

    @Test
    void scaledBoxesFollowTheScaledMasks() {
        InstanceTargets before = InstanceTargets.of(SCENE.instances(), LABEL_OF_CLASS);
        TrainConfig jitter = TrainConfig.builder().optHflip(true).optScale(0.5, 2.0).build();
        for (long seed = 0; seed < 6; seed++) {
            Sample s = Augmentations.instances(jitter).apply(SCENE, new Random(seed));
            double f = (double) s.image().width() / SCENE.image().width();
            assertThat(f).isBetween(0.49, 2.01);
            assertThat(s.instances().width()).isEqualTo(s.image().width());
            assertThat(s.mask().height()).isEqualTo(s.image().height());
            InstanceTargets after = InstanceTargets.of(s.instances(), LABEL_OF_CLASS);
            assertBoxesFitMasks(after);
            assertThat(after.size()).isLessThanOrEqualTo(before.size());
            // box widths and heights scale with the image (nearest-neighbour edges: a pixel either way)
            if (after.size() == before.size()) {
                for (int g = 0; g < before.size(); g++) {
                    double bw = before.boxes()[4 * g + 2] - before.boxes()[4 * g];
                    double aw = after.boxes()[4 * g + 2] - after.boxes()[4 * g];
                    assertThat(aw).as("seed %d instance %d", seed, g).isCloseTo(bw * f,
                            org.assertj.core.data.Offset.offset(f + 1.0));
                }
            }
        }
    }

    /** Each box is exactly the bounding box (right/bottom exclusive) of its mask. */
    private static void assertBoxesFitMasks(InstanceTargets t) {
        for (int g = 0; g < t.size(); g++) {
            int x0 = Integer.MAX_VALUE;
            int y0 = Integer.MAX_VALUE;
            int x1 = -1;
            int y1 = -1;
            boolean[] m = t.masks()[g];
            for (int i = 0; i < m.length; i++) {
                if (m[i]) {
                    x0 = Math.min(x0, i % t.width());
                    y0 = Math.min(y0, i / t.width());
                    x1 = Math.max(x1, i % t.width() + 1);
                    y1 = Math.max(y1, i / t.width() + 1);
                }
            }
            assertThat(x1).as("instance %d has pixels", g).isPositive();
            assertThat(java.util.Arrays.copyOfRange(t.boxes(), 4 * g, 4 * g + 4)).containsExactly(x0, y0, x1, y1);
        }
    }
}
