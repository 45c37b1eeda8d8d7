package org.seg4j.infer.instance;

import java.util.ArrayList;
import java.util.List;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.instance.PanopticAnnotation;
import org.seg4j.data.instance.Segment;

/**
 * Turns a raw segment map (ids 1..n, 0 = void, a class and score per id) into an
 * {@link InstanceSegmentation}: segments below their minimum area become void, the rest are
 * numbered 1, 2, ... in the order of their first pixel (row-major), thing segments become
 * instances.
 */
final class SegmentAssembly {

    private SegmentAssembly() {}

    /**
     * @param raw segment id per pixel (modified: dropped segments set to 0, others renumbered)
     * @param classOf class of raw id {@code k} at index {@code k} (index 0 unused)
     * @param scoreOf score of raw id {@code k} at index {@code k}
     * @param minThingArea least pixels of a thing instance
     * @param minStuffArea least pixels of a stuff segment
     */
    static InstanceSegmentation assemble(int width, int height, int[] raw, int[] classOf, double[] scoreOf,
            ClassMeta classes, int minThingArea, int minStuffArea) {
        int[] area = new int[classOf.length];
        for (int id : raw) {
            area[id]++;
        }
        int[] renumber = new int[classOf.length];
        List<Segment> segments = new ArrayList<>();
        List<Integer> rawOfNew = new ArrayList<>();
        for (int i = 0; i < raw.length; i++) {
            int id = raw[i];
            if (id == 0) {
                continue;
            }
            if (renumber[id] == 0) {
                int min = classes.isThing(classOf[id]) ? minThingArea : minStuffArea;
                if (area[id] < min) {
                    renumber[id] = -1;
                } else {
                    renumber[id] = segments.size() + 1;
                    segments.add(new Segment(renumber[id], classOf[id], false));
                    rawOfNew.add(id);
                }
            }
            raw[i] = Math.max(0, renumber[id]);
        }
        PanopticAnnotation panoptic = new PanopticAnnotation(width, height, raw, segments);
        List<PredictedInstance> instances = new ArrayList<>();
        for (Segment s : segments) {
            if (classes.isThing(s.classId())) {
                instances.add(new PredictedInstance(s.id(), s.classId(), scoreOf[rawOfNew.get(s.id() - 1)],
                        panoptic.area(s.id()), panoptic.box(s.id())));
            }
        }
        return new InstanceSegmentation(panoptic, instances);
    }
}
