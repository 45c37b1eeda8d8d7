package org.seg4j.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;
import org.seg4j.data.LabelMask;
import org.seg4j.data.Sample;

class CameraMotionTest {

    @Test
    void everyFrameKeepsImageAndMaskAlignedAndTheSize() {
        Sample scene = LabelledScene.blocks(64, 48, 8, 3);
        CameraMotion motion = new CameraMotion(0.1, 0.2, 5, 0);
        List<Sample> clip = motion.clip(scene, 6, new SplittableRandom(11));
        assertThat(clip).hasSize(6);
        for (Sample f : clip) {
            assertThat(f.image().width()).isEqualTo(64);
            assertThat(f.mask().height()).isEqualTo(48);
            assertThat(LabelledScene.checkAligned(f, 1, 40, 0)).isGreaterThan(500);
        }
    }

    @Test
    void theCameraMovesSmoothlyAndReproducibly() {
        Sample scene = LabelledScene.blocks(64, 48, 8, 5);
        CameraMotion motion = new CameraMotion(0.15, 0.2, 5, 0);
        List<Sample> clip = motion.clip(scene, 8, new SplittableRandom(2));
        List<Sample> again = motion.clip(scene, 8, new SplittableRandom(2));
        double[] steps = new double[clip.size() - 1];
        for (int t = 0; t + 1 < clip.size(); t++) {
            assertThat(again.get(t).mask().data()).isEqualTo(clip.get(t).mask().data());
            steps[t] = changed(clip.get(t).mask(), clip.get(t + 1).mask());
        }
        double first = changed(clip.get(0).mask(), clip.get(clip.size() - 1).mask());
        // the camera moves (the last frame differs from the first) in steps each smaller than the whole way
        assertThat(first).isGreaterThan(0.05);
        for (double s : steps) {
            assertThat(s).isLessThan(first);
        }
    }

    @Test
    void noMotionIsTheIdentityAndBadBoundsAreNamed() {
        Sample scene = LabelledScene.blocks(32, 24, 4, 9);
        List<Sample> still = new CameraMotion(0, 0, 0, 0).clip(scene, 3, new SplittableRandom(1));
        for (Sample f : still) {
            assertThat(f.mask().data()).isEqualTo(scene.mask().data());
            assertThat(f.image().data()).isEqualTo(scene.image().data());
        }
        assertThatThrownBy(() -> new CameraMotion(0.9, 0, 0, 0)).isInstanceOf(Seg4jException.class)
                .hasMessageContaining("shift");
        assertThatThrownBy(() -> CameraMotion.DEFAULT.clip(scene, 0, new SplittableRandom(1)))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("at least one frame");
    }

    private static double changed(LabelMask a, LabelMask b) {
        int n = 0;
        for (int i = 0; i < a.data().length; i++) {
            n += a.data()[i] != b.data()[i] ? 1 : 0;
        }
        return (double) n / a.data().length;
    }
}
