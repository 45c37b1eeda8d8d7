package org.seg4j.infer.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.seg4j.data.RgbImage;
import org.seg4j.data.region.Proposals;
import org.seg4j.data.region.SelectiveSearch;

/** Pooling and pixel labels checked against brute force over each proposal's mask. */
class RegionPoolingTest {

    private static Proposals proposals() {
        // noisy flat shapes, several strategies: hierarchies with shared and distinct leaves
        RgbImage img = RgbImage.blank(30, 22);
        Random r = new Random(4);
        for (int y = 0; y < 22; y++) {
            for (int x = 0; x < 30; x++) {
                int base = x < 12 ? 0xC03020 : y < 10 ? 0x20A040 : 0x3040C0;
                img.setRgb(x, y, base + r.nextInt(12));
            }
        }
        return SelectiveSearch.builder().optKs(List.of(20.0, 60.0)).build().propose(img);
    }

    @Test
    void poolsForegroundAndBoxMeansOverTheRightCells() {
        Proposals p = proposals();
        int stride = 4;
        int fh = (22 + stride - 1) / stride;
        int fw = (30 + stride - 1) / stride;
        int c = 3;
        float[] data = new float[c * fh * fw];
        Random r = new Random(9);
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) r.nextGaussian();
        }
        FeatureMap map = new FeatureMap(c, fh, fw, stride, data);
        float[][] f = RegionFeatures.pool(map, p);
        assertThat(f).hasNumberOfRows(p.size());
        for (int i = 0; i < p.size(); i++) {
            boolean[] mask = p.mask(i);
            double[] fg = new double[c];
            int n = 0;
            for (int q = 0; q < mask.length; q++) {
                if (mask[q]) {
                    int cell = (q / 30 / stride) * fw + (q % 30) / stride;
                    for (int k = 0; k < c; k++) {
                        fg[k] += data[k * fh * fw + cell];
                    }
                    n++;
                }
            }
            int[] b = p.get(i).box();
            double[] box = new double[c];
            int cells = 0;
            for (int cy = b[1] / stride; cy <= (b[3] - 1) / stride; cy++) {
                for (int cx = b[0] / stride; cx <= (b[2] - 1) / stride; cx++) {
                    for (int k = 0; k < c; k++) {
                        box[k] += data[k * fh * fw + cy * fw + cx];
                    }
                    cells++;
                }
            }
            for (int k = 0; k < c; k++) {
                assertThat((double) f[i][k]).isCloseTo(fg[k] / n, within(1e-4));
                assertThat((double) f[i][c + k]).isCloseTo(box[k] / cells, within(1e-4));
            }
        }
    }

    @Test
    void eachPixelTakesTheBestScoreOfTheRegionsCoveringIt() {
        Proposals p = proposals();
        int classes = 3;
        Random r = new Random(2);
        float[][] scores = new float[p.size()][classes];
        for (float[] row : scores) {
            for (int k = 0; k < classes; k++) {
                row[k] = (float) r.nextGaussian();
            }
        }
        float[] pixel = RegionLabels.pixelScores(p, scores, classes);
        int pixels = 30 * 22;
        float[] expected = new float[classes * pixels];
        java.util.Arrays.fill(expected, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < p.size(); i++) {
            boolean[] mask = p.mask(i);
            for (int q = 0; q < pixels; q++) {
                if (mask[q]) {
                    for (int k = 0; k < classes; k++) {
                        expected[k * pixels + q] = Math.max(expected[k * pixels + q], scores[i][k]);
                    }
                }
            }
        }
        assertThat(pixel).containsExactly(expected);
        // every pixel is covered: the whole image is always a proposal
        for (float v : pixel) {
            assertThat(v).isFinite();
        }
    }

    @Test
    void svmScoresStandardiseFirst() {
        LinearSvms svms = new LinearSvms(2, 2, new float[] {1, 0, 0, 2}, new float[] {0.5f, -1},
                new float[] {1, 1}, new float[] {2, 4});
        // z = ((3-1)/2, (9-1)/4) = (1, 2)
        assertThat(svms.scores(new float[] {3, 9})).containsExactly(1.5f, 3f);
    }
}
