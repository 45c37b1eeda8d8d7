package org.seg4j.train;

import static org.seg4j.train.EpochStats.finiteOrNull;

import ai.djl.nn.Block;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seg4j.metric.SegmentationMetrics;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;

/**
 * Saves the best model so far as a model directory in the run folder: the manifest template with
 * the epoch's metrics and the run's provenance (seed, configuration, time) filled in, plus the weights.
 */
final class BestModelExporter {

    private final Path runDir;
    private final ModelManifest template;
    private final TrainConfig config;

    /** @param template the manifest to fill in; {@code null} exports nothing */
    BestModelExporter(Path runDir, ModelManifest template, TrainConfig config) {
        this.runDir = runDir;
        this.template = template;
        this.config = config;
    }

    /** @param metrics the epoch's validation, {@code null} when it was not validated */
    void export(Block block, EpochStats stats, SegmentationMetrics metrics) {
        if (template == null) {
            return;
        }
        ModelManifest full = new ModelManifest(template.formatVersion(), template.model(), template.classes(),
                template.preprocessing(), provenance(), metrics(stats, metrics)).withTask(template.task());
        ModelDirectory.save(runDir, full, block);
    }

    /** The manifest's metrics; values that are missing or not finite are left out. */
    private Map<String, Object> metrics(EpochStats stats, SegmentationMetrics metrics) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", stats.epoch());
        m.put("global_step", stats.globalStep());
        m.put("train_loss", finiteOrNull(stats.trainLoss()));
        if (metrics != null) {
            m.put("val_loss", stats.valLoss());
            m.put("mIoU", finiteOrNull(metrics.meanIoU()));
            m.put("pixel_accuracy", finiteOrNull(metrics.pixelAccuracy()));
            m.put("mean_class_accuracy", finiteOrNull(metrics.meanClassAccuracy()));
            m.put("frequency_weighted_iou", finiteOrNull(metrics.frequencyWeightedIoU()));
            m.put("mean_f1", finiteOrNull(metrics.meanF1()));
            m.put("per_class_iou", perClassIoU(metrics));
        }
        m.values().removeIf(v -> v == null);
        return m;
    }

    private Map<String, Object> perClassIoU(SegmentationMetrics metrics) {
        Map<String, Object> perClass = new LinkedHashMap<>();
        for (int c = 0; c < metrics.iou().length; c++) {
            String name = template.classes() != null && c < template.classes().numClasses()
                    ? template.classes().name(c) : String.valueOf(c);
            perClass.put(name, finiteOrNull(metrics.iou()[c]));
        }
        return perClass;
    }

    private ModelManifest.Provenance provenance() {
        ModelManifest.Provenance p = template.provenance();
        return new ModelManifest.Provenance(
                p == null ? null : p.seg4jVersion(),
                p == null ? null : p.djlVersion(),
                p == null ? null : p.engineVersion(),
                p == null ? null : p.gitCommit(),
                config.seed(),
                p == null ? null : p.datasetFingerprint(),
                Instant.now().toString(),
                config.toMap());
    }
}
