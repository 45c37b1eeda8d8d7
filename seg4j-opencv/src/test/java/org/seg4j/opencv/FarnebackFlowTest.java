package org.seg4j.opencv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.metric.video.FlowField;
import org.seg4j.metric.video.TemporalConsistency;

/** Runs OpenCV's native Farneback (no skip: the jar carries the library for the CI platform). */
class FarnebackFlowTest {

    private static final int W = 96;
    private static final int H = 72;

    /** A smooth random texture: a sum of sinusoids at random frequencies, orientations and phases. */
    private static final class Texture {
        final double[][] waves = new double[12][];

        Texture(long seed) {
            Random r = new Random(seed);
            for (int i = 0; i < waves.length; i++) {
                double angle = r.nextDouble() * Math.PI;
                double freq = 0.08 + 0.25 * r.nextDouble();
                waves[i] = new double[] {freq * Math.cos(angle), freq * Math.sin(angle), 2 * Math.PI * r.nextDouble()};
            }
        }

        int at(double x, double y) {
            double v = 0;
            for (double[] w : waves) {
                v += Math.sin(w[0] * x + w[1] * y + w[2]);
            }
            return (int) Math.max(0, Math.min(255, 128 + 30 * v));
        }

        /** The texture seen by a camera whose content moved by (sx, sy). */
        RgbImage shifted(double sx, double sy) {
            RgbImage img = RgbImage.blank(W, H);
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    int g = at(x - sx, y - sy);
                    img.setRgb(x, y, (g << 16) | (g << 8) | g);
                }
            }
            return img;
        }
    }

    private static double median(FlowField f, int component) {
        // the interior: a margin of 12 pixels, where the content is not entering or leaving the frame
        double[] v = new double[(W - 24) * (H - 24)];
        int n = 0;
        for (int y = 12; y < H - 12; y++) {
            for (int x = 12; x < W - 12; x++) {
                v[n++] = component == 0 ? f.dx(x, y) : f.dy(x, y);
            }
        }
        Arrays.sort(v);
        return v[v.length / 2];
    }

    @Test
    void recoversAKnownShiftOfATexturedImage() {
        Texture t = new Texture(3);
        FarnebackFlow flow = FarnebackFlow.defaults();
        FlowField f = flow.estimate(t.shifted(0, 0), t.shifted(3, -2));
        assertThat(median(f, 0)).isCloseTo(3.0, offset(0.15));
        assertThat(median(f, 1)).isCloseTo(-2.0, offset(0.15));
        // sub-pixel motion too
        FlowField g = flow.estimate(t.shifted(0, 0), t.shifted(1.5, 0.5));
        assertThat(median(g, 0)).isCloseTo(1.5, offset(0.15));
        assertThat(median(g, 1)).isCloseTo(0.5, offset(0.15));
        assertThat(flow.describe()).startsWith("farneback(pyr_scale=0.5, levels=3, winsize=15").contains("OpenCV 4.9.0");
    }

    @Test
    void tcWithEstimatedFlowIsNearOneForAPredictionThatFollowsTheSceneAndLowerForAFlickeringOne() {
        Texture t = new Texture(11);
        FarnebackFlow flow = FarnebackFlow.defaults();
        TemporalConsistency steady = new TemporalConsistency(2);
        TemporalConsistency flicker = new TemporalConsistency(2);
        Random random = new Random(5);
        for (int k = 0; k < 3; k++) {
            RgbImage a = t.shifted(2 * k, k);
            RgbImage b = t.shifted(2 * (k + 1), k + 1);
            FlowField f = flow.estimate(a, b);
            // the "prediction" is the texture thresholded: it moves with the scene
            steady.add(labels(t, 2 * k, k, null), labels(t, 2 * (k + 1), k + 1, null), f);
            flicker.add(labels(t, 2 * k, k, random), labels(t, 2 * (k + 1), k + 1, random), f);
        }
        assertThat(steady.tc()).isGreaterThan(0.95);
        assertThat(flicker.tc()).isLessThan(steady.tc() - 0.1);
    }

    /** Class 1 where the texture is bright; with {@code noise}, 10% of the pixels flipped at random. */
    private static LabelMask labels(Texture t, double sx, double sy, Random noise) {
        LabelMask m = LabelMask.filled(W, H, 0);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int c = t.at(x - sx, y - sy) > 128 ? 1 : 0;
                if (noise != null && noise.nextDouble() < 0.1) {
                    c = 1 - c;
                }
                m.set(x, y, c);
            }
        }
        return m;
    }

    @Test
    void badSettingsAndFramesAreClearErrors() {
        assertThatThrownBy(() -> FarnebackFlow.builder().optPyramidScale(1.0).build())
                .isInstanceOf(Seg4jException.class).hasMessageContaining("pyramid scale must be in (0, 1), got 1.0");
        assertThatThrownBy(() -> FarnebackFlow.builder().optPolynomial(6, 1.2).build())
                .hasMessageContaining("must be 5 or 7, got 6");
        assertThatThrownBy(() -> FarnebackFlow.builder().optWindowSize(1).build()).hasMessageContaining("window size");
        assertThatThrownBy(() -> FarnebackFlow.defaults().estimate(RgbImage.blank(8, 8), RgbImage.blank(9, 8)))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("differ in size (8x8 vs 9x8)");
    }
}
