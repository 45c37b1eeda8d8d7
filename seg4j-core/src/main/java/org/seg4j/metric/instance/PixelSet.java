package org.seg4j.metric.instance;

import java.util.HashMap;
import java.util.Map;
import org.seg4j.data.instance.PanopticAnnotation;
import org.seg4j.data.instance.Segment;

/** The pixels of one mask as sorted indices, for fast intersections. */
record PixelSet(int[] pixels) {

    static PixelSet of(boolean[] mask) {
        int n = 0;
        for (boolean b : mask) {
            n += b ? 1 : 0;
        }
        int[] p = new int[n];
        int k = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                p[k++] = i;
            }
        }
        return new PixelSet(p);
    }

    /** The pixels of every segment of an annotation, in one pass (segments without pixels get none). */
    static Map<Integer, PixelSet> ofSegments(PanopticAnnotation a) {
        Map<Integer, int[]> lists = new HashMap<>();
        Map<Integer, Integer> filled = new HashMap<>();
        for (Segment s : a.segments()) {
            lists.put(s.id(), new int[a.area(s.id())]);
            filled.put(s.id(), 0);
        }
        int[] ids = a.ids();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != 0) {
                int k = filled.merge(ids[i], 1, Integer::sum) - 1;
                lists.get(ids[i])[k] = i;
            }
        }
        Map<Integer, PixelSet> out = new HashMap<>();
        lists.forEach((id, p) -> out.put(id, new PixelSet(p)));
        return out;
    }

    int area() {
        return pixels.length;
    }

    int intersection(PixelSet o) {
        int[] a = pixels;
        int[] b = o.pixels;
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length && j < b.length) {
            if (a[i] < b[j]) {
                i++;
            } else if (a[i] > b[j]) {
                j++;
            } else {
                n++;
                i++;
                j++;
            }
        }
        return n;
    }

    /**
     * pycocotools' mask IoU of this detection with a ground truth: intersection over union, or over
     * the detection's area when the ground truth is a crowd region; 0 without intersection.
     */
    double iou(PixelSet gt, boolean gtCrowd) {
        int inter = intersection(gt);
        if (inter == 0) {
            return 0;
        }
        double union = gtCrowd ? area() : (double) area() + gt.area() - inter;
        return inter / union;
    }
}
