package org.seg4j.model.instance.maskrcnn;

import java.util.ArrayList;
import java.util.List;
import org.seg4j.data.instance.PanopticAnnotation;
import org.seg4j.data.instance.Segment;

/**
 * The ground truth of one training image for {@link MaskRcnn}: per instance a box {@code (x1, y1,
 * x2, y2)} in pixels (the right/bottom edge exclusive, so a one-pixel object is 1 wide), a label
 * 1..classes (0 is background) and its pixels.
 *
 * @param width image width
 * @param height image height
 * @param boxes {@code 4·G} corner coordinates
 * @param labels {@code G} labels in 1..classes
 * @param masks {@code G} row-major pixel masks of {@code width·height}
 */
public record InstanceTargets(int width, int height, float[] boxes, int[] labels, boolean[][] masks) {

    public InstanceTargets {
        if (boxes.length != 4 * labels.length || masks.length != labels.length) {
            throw new IllegalArgumentException("instance targets need 4 box values and one mask per label, got "
                    + boxes.length + " box values, " + masks.length + " masks and " + labels.length + " labels");
        }
        for (boolean[] m : masks) {
            if (m.length != width * height) {
                throw new IllegalArgumentException("instance mask has " + m.length + " pixels, the image "
                        + width * height);
            }
        }
    }

    /** Number of instances. */
    public int size() {
        return labels.length;
    }

    /**
     * The thing instances of an annotation; crowd segments are left out (as torchvision's COCO
     * training does) and so are segments of classes without a label.
     *
     * @param labelOfClass detector label (1..) of each class id, 0 for stuff classes
     */
    public static InstanceTargets of(PanopticAnnotation annotation, int[] labelOfClass) {
        List<Segment> kept = new ArrayList<>();
        for (Segment s : annotation.segments()) {
            if (!s.crowd() && s.classId() < labelOfClass.length && labelOfClass[s.classId()] > 0
                    && annotation.area(s.id()) > 0) {
                kept.add(s);
            }
        }
        float[] boxes = new float[4 * kept.size()];
        int[] labels = new int[kept.size()];
        boolean[][] masks = new boolean[kept.size()][];
        for (int i = 0; i < kept.size(); i++) {
            Segment s = kept.get(i);
            int[] b = annotation.box(s.id());
            boxes[4 * i] = b[0];
            boxes[4 * i + 1] = b[1];
            boxes[4 * i + 2] = b[0] + b[2];
            boxes[4 * i + 3] = b[1] + b[3];
            labels[i] = labelOfClass[s.classId()];
            masks[i] = annotation.mask(s.id());
        }
        return new InstanceTargets(annotation.width(), annotation.height(), boxes, labels, masks);
    }
}
