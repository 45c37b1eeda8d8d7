package org.seg4j.spark.eval;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.synth.SyntheticStreetScenes;
import org.seg4j.infer.Evaluator;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.TestModels;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.spark.LocalSpark;
import org.seg4j.spark.ModelSource;
import org.seg4j.spark.data.SplitRef;

/** The confusion matrices summed over Spark tasks equal the single-machine evaluation's. */
class DistributedEvaluationTest {

    @TempDir
    static Path dir;

    static Path data;
    static Path model;

    @BeforeAll
    static void setUp() {
        data = dir.resolve("synth");
        SyntheticStreetScenes.writeDataset(data, 2, 9, 5, 36, 48);
        ClassMeta classes = ClassMeta.read(data.resolve(ClassMeta.FILE_NAME));
        TestModels.register();
        ModelManifest m = TestModels.manifest(TestModels.CONV3, 32, 1.0);
        ModelManifest manifest = new ModelManifest(m.formatVersion(), ModelSpec.of(TestModels.CONV3, classes.numClasses()),
                classes, m.preprocessing(), m.provenance(), Map.of());
        model = dir.resolve("model");
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = ModelRegistry.create(manifest.model());
            ModelDirectory.initialize(block, manager, 32, 32);
            ModelDirectory.save(model, manifest, block);
        }
    }

    @Test
    void sameConfusionMatrixAsTheSingleMachineEvaluator() {
        Evaluator.Result local;
        try (Predictor predictor = Predictor.load(model)) {
            local = Evaluator.evaluate(predictor, SegmentationDataset.open(data, null, "val"), null);
        }
        var spark = LocalSpark.session();
        Evaluator.Result distributed = DistributedEvaluation.evaluate(spark, ModelSource.ship(spark, model),
                SplitRef.open(data, null, "val"), 1, 4);
        assertThat(distributed.images()).isEqualTo(local.images());
        assertThat(distributed.matrix().total()).isEqualTo(36L * 48 * 9 - voidPixels());
        assertThat(distributed.matrix().toRows()).isEqualTo(local.matrix().toRows());
        assertThat(distributed.matrix().metrics().meanIoU()).isEqualTo(local.matrix().metrics().meanIoU());
    }

    private static long voidPixels() {
        return org.seg4j.data.ClassStatistics.of(SegmentationDataset.open(data, null, "val")).voidPixels();
    }
}
