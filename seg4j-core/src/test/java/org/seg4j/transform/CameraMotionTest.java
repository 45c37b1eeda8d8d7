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

    @Test
    void theExactFlowCarriesEachFrameOntoTheNextAndTheFramesAreThoseOfClip() {
        Sample scene = LabelledScene.blocks(128, 96, 16, 5);
        CameraMotion motion = new CameraMotion(0.15, 0.2, 5, 0);
        CameraMotion.MovingClip moving = motion.clipWithFlows(scene, 5, new SplittableRandom(4));
        List<Sample> clip = motion.clip(scene, 5, new SplittableRandom(4));
        assertThat(moving.flows()).hasSize(5);
        assertThat(moving.flows().get(0).mean()).containsExactly(0.0, 0.0);
        for (int t = 1; t < 5; t++) {
            LabelMask now = moving.frames().get(t).mask();
            assertThat(now.data()).isEqualTo(clip.get(t).mask().data());
            LabelMask carried = org.seg4j.metric.video.FlowWarp.backward(moving.frames().get(t - 1).mask(),
                    moving.flows().get(t));
            LabelMask still = moving.frames().get(t - 1).mask();
            // the flow moves the previous frame onto this one far better than no motion compensation
            assertThat(agreement(carried, now)).as("frame %d", t).isGreaterThan(0.95); // nearest-pixel rounding twice at block edges
            assertThat(agreement(carried, now)).isGreaterThan(agreement(still, now) + 0.02);
        }
    }

    @Test
    void theFlowLandsOnTheSameSourcePointAsTheView() {
        CameraMotion.Pose now = new CameraMotion.Pose(0.05, -0.03, 1.1, 0.04);
        CameraMotion.Pose before = new CameraMotion.Pose(-0.02, 0.01, 1.02, -0.01);
        org.seg4j.metric.video.FlowField f = CameraMotion.flow(40, 30, now, before);
        double[] a = CameraMotion.map(40, 30, now);
        double[] b = CameraMotion.map(40, 30, before);
        for (int[] p : new int[][] {{0, 0}, {39, 29}, {17, 5}}) {
            double qx = p[0] + f.dx(p[0], p[1]);
            double qy = p[1] + f.dy(p[0], p[1]);
            assertThat(b[0] * qx + b[1] * qy + b[2]).isCloseTo(a[0] * p[0] + a[1] * p[1] + a[2],
                    org.assertj.core.data.Offset.offset(1e-3));
            assertThat(b[3] * qx + b[4] * qy + b[5]).isCloseTo(a[3] * p[0] + a[4] * p[1] + a[5],
                    org.assertj.core.data.Offset.offset(1e-3));
        }
    }

    /** Fraction of pixels valid in both masks whose labels agree. */
    private static double agreement(LabelMask a, LabelMask b) {
        long same = 0;
        long valid = 0;
        for (int i = 0; i < a.data().length; i++) {
            int x = a.data()[i] & 0xFF;
            int y = b.data()[i] & 0xFF;
            if (x != LabelMask.IGNORE && y != LabelMask.IGNORE) {
                valid++;
                same += x == y ? 1 : 0;
            }
        }
        return (double) same / valid;
    }
}
