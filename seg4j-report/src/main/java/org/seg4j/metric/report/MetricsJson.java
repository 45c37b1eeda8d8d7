package org.seg4j.metric.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.seg4j.metric.SegmentationMetrics;
import org.seg4j.metric.boundary.BoundaryScore;
import org.seg4j.util.Json;

/**
 * The {@code metrics.json} form of a {@link MetricsReport}: the summary metrics as fractions in
 * 0..1, {@code perClass} entries {@code {id, name, iou, precision, recall, f1, support}} and the
 * confusion matrix as rows of counts (rows = truth). With boundary scores, also
 * {@code meanBoundaryF1}, {@code boundaryTolerance} (its description) and per class
 * {@code boundaryPrecision, boundaryRecall, boundaryF1}. Undefined values are {@code null}.
 */
final class MetricsJson {

    private MetricsJson() {}

    /** Writes the JSON form of {@code report} to {@code file}, atomically. */
    static void write(Path file, MetricsReport report) {
        Json.writeJson(file, toJson(report));
    }

    /** The JSON form of {@code report}. */
    static ObjectNode toJson(MetricsReport report) {
        SegmentationMetrics m = report.metrics();
        ObjectNode root = Json.JSON.createObjectNode();
        putFraction(root, "mIoU", m.meanIoU());
        putFraction(root, "pixelAccuracy", m.pixelAccuracy());
        putFraction(root, "meanClassAccuracy", m.meanClassAccuracy());
        putFraction(root, "frequencyWeightedIoU", m.frequencyWeightedIoU());
        putFraction(root, "meanF1", m.meanF1());
        BoundaryScore b = report.boundary();
        if (b != null) {
            putFraction(root, "meanBoundaryF1", b.meanF1());
            root.put("boundaryTolerance", b.tolerance().describe());
        }
        root.put("numImages", report.numImages());

        double[] iou = m.iou();
        double[] precision = m.precision();
        double[] recall = m.recall();
        double[] f1 = m.f1();
        long[] support = m.support();
        double[] bp = b == null ? null : b.precision();
        double[] br = b == null ? null : b.recall();
        double[] bf = b == null ? null : b.f1();
        ArrayNode perClass = root.putArray("perClass");
        for (int c = 0; c < m.numClasses(); c++) {
            ObjectNode entry = perClass.addObject();
            entry.put("id", c);
            entry.put("name", report.className(c));
            putFraction(entry, "iou", iou[c]);
            putFraction(entry, "precision", precision[c]);
            putFraction(entry, "recall", recall[c]);
            putFraction(entry, "f1", f1[c]);
            entry.put("support", support[c]);
            if (b != null) {
                putFraction(entry, "boundaryPrecision", bp[c]);
                putFraction(entry, "boundaryRecall", br[c]);
                putFraction(entry, "boundaryF1", bf[c]);
            }
        }

        ArrayNode rows = root.putArray("confusionMatrix");
        for (long[] row : report.matrix().toRows()) {
            ArrayNode r = rows.addArray();
            for (long count : row) {
                r.add(count);
            }
        }
        return root;
    }

    // JSON has no NaN; an undefined metric is null.
    private static void putFraction(ObjectNode node, String key, double value) {
        if (Double.isNaN(value)) {
            node.putNull(key);
        } else {
            node.put(key, value);
        }
    }
}
