package org.seg4j.model.weights;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;

/**
 * SegNet is built on the shared VGG-16 encoder: the encoder of an FCN-8s (here the parity
 * fixture's, under {@code encoder.}) imports into a SegNet with {@code --encoder-only} and fills
 * every encoder parameter with the FCN's values.
 */
class EncoderTransferTest {

    @TempDir
    Path tmp;

    @Test
    void fcnEncoderFillsSegNetsEncoder() {
        try (NDManager m = NDManager.newBaseManager()) {
            ParityCase fcn = ParityCase.load("fcn8s_vgg16", m, tmp);
            Map<String, NDArray> weights = TensorFile.read(tmp.resolve("fcn8s_vgg16.weights.safetensors"), m);
            ModelSpec spec = new ModelSpec("segnet", "vgg16", 3, 4, Map.of());
            Block segnet = ModelRegistry.create(spec);
            ModelDirectory.initialize(segnet, m, 64, 64);
            WeightMapping table = ModelMappings.forModel(spec, segnet, true);
            ImportReport report = WeightImporter.builder().setMapping(table).optPartial(true).build()
                    .load(weights, segnet);

            assertThat(report.sourcePrefix()).isEqualTo("encoder.");
            assertThat(report.filled()).isEqualTo(table.entries().size()).isEqualTo(13 * 5);
            Map<String, Parameter> fcnParams = new HashMap<>();
            for (Pair<String, Parameter> p : fcn.block().getParameters()) {
                fcnParams.put(p.getKey(), p.getValue());
            }
            int compared = 0;
            for (Pair<String, Parameter> p : segnet.getParameters()) {
                if (p.getKey().startsWith("01encoder_")) {
                    // same names in both models: the encoder is the same class
                    assertThat(p.getValue().getArray().toFloatArray()).as(p.getKey())
                            .isEqualTo(fcnParams.get(p.getKey()).getArray().toFloatArray());
                    compared++;
                }
            }
            assertThat(compared).isEqualTo(13 * 5);
        }
    }
}
