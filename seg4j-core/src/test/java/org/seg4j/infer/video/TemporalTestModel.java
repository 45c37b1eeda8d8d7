package org.seg4j.infer.video;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.Pair;
import java.util.Map;
import org.seg4j.infer.TestModels;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModel;
import org.seg4j.model.TemporalOptions;

/**
 * A tiny Fast-SCNN with a ConvGRU memory for the recurrent-inference tests: 3 classes, 32x32, the
 * memory's weights drawn with standard deviation 1 so that its state visibly changes the output.
 *
 * @param manifest the model's manifest
 * @param block the initialised network, its weights on the given manager
 */
record TemporalTestModel(ModelManifest manifest, Block block) {

    static TemporalTestModel create(NDManager manager) {
        ModelManifest base = TestModels.manifest(TestModels.POINTWISE, 32, 1.0);
        ModelSpec spec = TemporalOptions.withMemory(new ModelSpec("fastscnn", "", 3, 8, Map.of("blocks", "1")), 8);
        ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT_VERSION, spec, base.classes(),
                base.preprocessing(), base.provenance(), Map.of());
        Block block = ModelRegistry.create(spec);
        ModelDirectory.initialize(block, manager, 32, 32);
        for (Pair<String, Parameter> p : ((SegmentationModel) block).temporal().getParameters()) {
            NDArray a = p.getValue().getArray();
            a.set(new NDIndex("..."), new NormalInitializer(1f).initialize(manager, a.getShape(), a.getDataType()));
        }
        return new TemporalTestModel(manifest, block);
    }
}
