package org.seg4j.metric.instance;

import java.util.ArrayList;
import java.util.List;

/**
 * The matches of one image and class in one area range ({@code COCOeval.evaluateImg}): per IoU
 * threshold, whether each detection (score order) matched and whether it is ignored, and which
 * ground truths are ignored (crowd or outside the area range).
 */
record ImageMatches(double[] scores, boolean[][] matched, boolean[][] ignored, boolean[] gtIgnored) {

    static ImageMatches of(List<MaskAp.Truth> truths, List<MaskAp.Scored> dets, double[] range) {
        // ground truths not ignored first, each group in its original order (a stable sort)
        List<MaskAp.Truth> gt = new ArrayList<>();
        List<Boolean> ignore = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            for (MaskAp.Truth t : truths) {
                boolean ig = t.crowd() || t.pixels().area() < range[0] || t.pixels().area() > range[1];
                if (ig == (pass == 1)) {
                    gt.add(t);
                    ignore.add(ig);
                }
            }
        }
        int g = gt.size();
        int d = dets.size();
        boolean[] gtIg = new boolean[g];
        for (int j = 0; j < g; j++) {
            gtIg[j] = ignore.get(j);
        }
        double[][] ious = new double[d][g];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < g; j++) {
                ious[i][j] = dets.get(i).pixels().iou(gt.get(j).pixels(), gt.get(j).crowd());
            }
        }
        int thresholds = MaskAp.IOU_THRESHOLDS.length;
        boolean[][] dtMatched = new boolean[thresholds][d];
        boolean[][] dtIgnored = new boolean[thresholds][d];
        for (int t = 0; t < thresholds; t++) {
            boolean[] gtMatched = new boolean[g];
            for (int i = 0; i < d; i++) {
                double best = Math.min(MaskAp.IOU_THRESHOLDS[t], 1 - 1e-10);
                int m = -1;
                for (int j = 0; j < g; j++) {
                    if (gtMatched[j] && !gt.get(j).crowd()) {
                        continue;
                    }
                    if (m > -1 && !gtIg[m] && gtIg[j]) {
                        break;
                    }
                    if (ious[i][j] < best) {
                        continue;
                    }
                    best = ious[i][j];
                    m = j;
                }
                if (m == -1) {
                    continue;
                }
                dtIgnored[t][i] = gtIg[m];
                dtMatched[t][i] = true;
                gtMatched[m] = true;
            }
            for (int i = 0; i < d; i++) {
                int area = dets.get(i).pixels().area();
                if (!dtMatched[t][i] && (area < range[0] || area > range[1])) {
                    dtIgnored[t][i] = true;
                }
            }
        }
        double[] scores = new double[d];
        for (int i = 0; i < d; i++) {
            scores[i] = dets.get(i).score();
        }
        return new ImageMatches(scores, dtMatched, dtIgnored, gtIg);
    }
}
