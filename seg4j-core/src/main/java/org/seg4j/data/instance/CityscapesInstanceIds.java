package org.seg4j.data.instance;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.ImageFiles;
import org.seg4j.data.ImageHeader;

/**
 * Cityscapes {@code *_gtFine_instanceIds.png}: a 16-bit PNG where a thing instance is stored as
 * {@code label * 1000 + k} (k = 0, 1, ...) and every other pixel as its label; a thing label
 * below 1000 is a group of instances not told apart, read as the class's crowd region.
 *
 * <p>Labels are mapped to classes by a table (Cityscapes' label ids to train ids, say); a label
 * the table maps to -1, or beyond it, is void. With no table, the label is the class id and the
 * class list's {@code ignore_index} (and labels without a class) are void.
 */
public final class CityscapesInstanceIds {

    /** File suffix of Cityscapes instance-id PNGs. */
    public static final String SUFFIX = "_gtFine_instanceIds.png";

    private CityscapesInstanceIds() {}

    /**
     * Reads one file.
     *
     * @param labelToClass class id per label, -1 for void; {@code null} for label = class id
     */
    public static PanopticAnnotation read(Path png, ClassMeta classes, int[] labelToClass) {
        int[] values = InstancePng.readIds(png);
        ImageHeader size = ImageFiles.header(png);
        int[] ids = new int[values.length];
        Map<Integer, Integer> valueToSegment = new HashMap<>();
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            int v = values[i];
            int label = v >= 1000 ? v / 1000 : v;
            int cls = labelToClass != null ? (label < labelToClass.length ? labelToClass[label] : -1)
                    : label == classes.ignoreIndex() || label >= classes.numClasses() ? -1 : label;
            if (cls < 0) {
                continue;
            }
            if (cls >= classes.numClasses()) {
                throw new Seg4jException(png + ": label " + label + " maps to class " + cls + ", but there are "
                        + classes.numClasses() + " classes");
            }
            boolean thing = classes.isThing(cls);
            int key = thing ? v : label; // stuff: one segment per class, even if stored as label * 1000 + k
            Integer seg = valueToSegment.get(key);
            if (seg == null) {
                seg = segments.size() + 1;
                valueToSegment.put(key, seg);
                segments.add(new Segment(seg, cls, thing && v < 1000));
            }
            ids[i] = seg;
        }
        return new PanopticAnnotation(size.width(), size.height(), ids, segments);
    }

    /**
     * Writes one file with label = class id: instances as {@code class * 1000 + k} (k counted from
     * 0 per class, in segment order), crowd regions and stuff as the class id, void as
     * {@code voidLabel}.
     */
    public static void write(Path png, PanopticAnnotation a, ClassMeta classes, int voidLabel) {
        Map<Integer, Integer> valueOf = new HashMap<>();
        Map<Integer, Integer> nextK = new HashMap<>();
        for (Segment s : a.segments()) {
            int c = s.classId();
            if (classes.isThing(c) && !s.crowd()) {
                int k = nextK.merge(c, 1, Integer::sum) - 1;
                if (c * 1000 + k > 0xFFFF || k >= 1000) {
                    throw new IllegalArgumentException(png + ": instance " + k + " of class " + c
                            + " does not fit Cityscapes' 16-bit class * 1000 + k");
                }
                valueOf.put(s.id(), c * 1000 + k);
            } else {
                valueOf.put(s.id(), c);
            }
        }
        int[] values = new int[a.ids().length];
        for (int i = 0; i < values.length; i++) {
            int id = a.ids()[i];
            values[i] = id == 0 ? voidLabel : valueOf.get(id);
        }
        InstancePng.writeIds(png, values, a.width(), a.height());
    }
}
