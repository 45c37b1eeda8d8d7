package org.seg4j.data.instance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.LabelMask;

/**
 * An instance or panoptic annotation of one image: every pixel holds a segment id (0 = void,
 * unlabelled), and each segment has a class and a crowd flag. An instance annotation is the same
 * with segments of thing classes only. Segments keep their order (the order of a COCO
 * {@code segments_info}), which the panoptic metric's crowd rule depends on. Areas and boxes are
 * counted from the pixels. The pixel array is not copied: treat it as read-only.
 */
public final class PanopticAnnotation {

    private final int width;
    private final int height;
    private final int[] ids;
    private final Map<Integer, Segment> segments;
    private final Map<Integer, int[]> stats;

    /**
     * @param ids segment id per pixel, row-major, 0 for void
     * @param segments the segments; every non-zero id in {@code ids} needs one
     * @throws IllegalArgumentException if a pixel's id has no segment, or ids repeat
     */
    public PanopticAnnotation(int width, int height, int[] ids, List<Segment> segments) {
        if (width <= 0 || height <= 0 || ids.length != width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " annotation needs " + width * height
                    + " pixel ids, got " + ids.length);
        }
        this.width = width;
        this.height = height;
        this.ids = ids;
        Map<Integer, Segment> byId = new LinkedHashMap<>();
        for (Segment s : segments) {
            if (byId.put(s.id(), s) != null) {
                throw new IllegalArgumentException("segment id " + s.id() + " appears twice");
            }
        }
        this.segments = Collections.unmodifiableMap(byId);
        this.stats = new HashMap<>();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int id = ids[y * width + x];
                if (id == 0) {
                    continue;
                }
                int[] s = stats.get(id);
                if (s == null) {
                    if (!byId.containsKey(id)) {
                        throw new IllegalArgumentException("pixel (" + x + ", " + y + ") has segment id " + id
                                + ", which has no segment entry");
                    }
                    s = new int[] {0, x, y, x, y};
                    stats.put(id, s);
                }
                s[0]++;
                s[1] = Math.min(s[1], x);
                s[2] = Math.min(s[2], y);
                s[3] = Math.max(s[3], x);
                s[4] = Math.max(s[4], y);
            }
        }
    }

    /** Image width. */
    public int width() {
        return width;
    }

    /** Image height. */
    public int height() {
        return height;
    }

    /** Segment id per pixel, row-major, 0 for void (the array itself: do not modify). */
    public int[] ids() {
        return ids;
    }

    /** The segment id at pixel {@code (x, y)}, 0 for void. */
    public int id(int x, int y) {
        return ids[y * width + x];
    }

    /** The segments in their order. */
    public List<Segment> segments() {
        return List.copyOf(segments.values());
    }

    /** The segment with this id, or {@code null}. */
    public Segment segment(int id) {
        return segments.get(id);
    }

    /** Number of pixels of segment {@code id} (0 for a segment without pixels). */
    public int area(int id) {
        int[] s = stats.get(id);
        return s == null ? 0 : s[0];
    }

    /** COCO box {@code [x, y, width, height]} of segment {@code id}; all 0 for a segment without pixels. */
    public int[] box(int id) {
        int[] s = stats.get(id);
        return s == null ? new int[4] : new int[] {s[1], s[2], s[3] - s[1] + 1, s[4] - s[2] + 1};
    }

    /** The pixels of segment {@code id}, row-major. */
    public boolean[] mask(int id) {
        boolean[] m = new boolean[ids.length];
        for (int i = 0; i < ids.length; i++) {
            m[i] = ids[i] == id;
        }
        return m;
    }

    /** The semantic mask: each pixel its segment's class, void as {@link LabelMask#IGNORE}. */
    public LabelMask classMask() {
        byte[] d = new byte[ids.length];
        for (int i = 0; i < ids.length; i++) {
            d[i] = (byte) (ids[i] == 0 ? LabelMask.IGNORE : segments.get(ids[i]).classId());
        }
        return new LabelMask(width, height, d);
    }

    /**
     * Builds an annotation from a semantic mask and an instance-id map, the in-memory form of the
     * folder layout and of Cityscapes. Rules: void pixels ({@link LabelMask#IGNORE}) are void; each
     * stuff class present is one segment, whatever the instance ids; each (thing class, instance
     * id &gt; 0) pair is one instance; thing pixels with instance id 0 form one crowd segment per
     * class. Segment ids are 1, 2, ... in the order of each segment's first pixel (row-major).
     *
     * @param instanceIds instance id per pixel, row-major
     * @throws IllegalArgumentException if a label is not a class of {@code classes}
     */
    public static PanopticAnnotation fromSemantic(LabelMask semantic, int[] instanceIds, ClassMeta classes) {
        int n = semantic.width() * semantic.height();
        if (instanceIds.length != n) {
            throw new IllegalArgumentException("instance map has " + instanceIds.length + " pixels, the semantic mask "
                    + n);
        }
        int[] ids = new int[n];
        Map<Long, Integer> keyToSegment = new HashMap<>();
        List<Segment> segments = new ArrayList<>();
        byte[] labels = semantic.data();
        for (int i = 0; i < n; i++) {
            int c = labels[i] & 0xFF;
            if (c == LabelMask.IGNORE) {
                continue;
            }
            if (c >= classes.numClasses()) {
                throw new IllegalArgumentException("pixel (" + i % semantic.width() + ", " + i / semantic.width()
                        + ") has label " + c + ", but there are " + classes.numClasses() + " classes");
            }
            boolean thing = classes.isThing(c);
            long instance = thing ? instanceIds[i] : 0;
            long key = ((long) c << 32) | (instance & 0xFFFFFFFFL);
            Integer seg = keyToSegment.get(key);
            if (seg == null) {
                seg = segments.size() + 1;
                keyToSegment.put(key, seg);
                segments.add(new Segment(seg, c, thing && instance == 0));
            }
            ids[i] = seg;
        }
        return new PanopticAnnotation(semantic.width(), semantic.height(), ids, segments);
    }
}
