package org.seg4j.train.cv;

import java.util.List;
import org.seg4j.data.ClassMeta;

/**
 * The folds of a cross-validation and their spread: per fold mIoU, global (pixel) accuracy and
 * per-class IoU on the held-out groups, with the mean and sample standard deviation across folds.
 *
 * @param folds the folds' results, in fold order
 * @param classes the class list
 * @param groupKey how groups were derived (for the report)
 * @param scheme the fold scheme, e.g. {@code leave-one-group-out}
 */
public record CvSummary(List<FoldResult> folds, ClassMeta classes, String groupKey, String scheme) {

    /** File name of the Markdown summary. */
    public static final String MARKDOWN = "cv.md";

    /** File name of the JSON summary. */
    public static final String JSON = "cv.json";

    public CvSummary {
        folds = List.copyOf(folds);
        if (folds.isEmpty()) {
            throw new IllegalArgumentException("a cross-validation summary needs at least one fold");
        }
    }

    /** Mean and spread of the folds' mIoU. */
    public Spread meanIoU() {
        return Spread.of(folds.stream().mapToDouble(f -> f.metrics().meanIoU()).toArray());
    }

    /** Mean and spread of the folds' global (pixel) accuracy. */
    public Spread pixelAccuracy() {
        return Spread.of(folds.stream().mapToDouble(f -> f.metrics().pixelAccuracy()).toArray());
    }

    /** Mean and spread of class {@code c}'s IoU over the folds that define it. */
    public Spread classIoU(int c) {
        return Spread.of(folds.stream().mapToDouble(f -> f.metrics().iou()[c]).toArray());
    }
}
