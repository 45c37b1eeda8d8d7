package org.seg4j.model.weights;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The vgg16 table reads torchvision's vgg16_bn layout, whose convolutions have a bias: the bias is
 * folded into the batch norm's running mean, so a network with biases gives the twin's logits.
 */
class VggMappingTest {

    /** torchvision vgg16_bn's convolution indices in {@code features}. */
    private static final int[] CONVS = {0, 3, 7, 10, 14, 17, 20, 24, 27, 30, 34, 37, 40};

    @TempDir
    Path tmp;

    @Test
    void tableFollowsVgg16BnIndices() {
        List<String> sources = WeightMappings.encoder("vgg16").entries().stream().map(WeightMapping.Entry::source)
                .filter(k -> k.endsWith(".weight")).toList();
        assertThat(sources).hasSize(2 * CONVS.length);
        for (int i = 0; i < CONVS.length; i++) {
            assertThat(sources.get(2 * i)).isEqualTo("features." + CONVS[i] + ".weight");
            assertThat(sources.get(2 * i + 1)).isEqualTo("features." + (CONVS[i] + 1) + ".weight");
        }
        assertThat(WeightMappings.encoder("vgg16").ignoreReason("classifier.6.bias")).isPresent();
    }

    @Test
    void convolutionBiasesFoldIntoTheRunningMean() {
        try (NDManager m = NDManager.newBaseManager()) {
            // The same function as the twin: a bias b after each convolution and running means
            // raised by b (BN(conv + b) with mean mu + b == BN(conv) with mean mu).
            ParityCase c = ParityCase.load("fcn8s_vgg16", m, tmp, weights -> addBiases(weights, m));
            assertThat(c.report().complete()).as(c.report().describe()).isTrue();
            NDArray actual = c.block().forward(new ParameterStore(m, false), new NDList(c.io("x1")), false).head();
            float maxDiff = actual.sub(c.io("logits1")).abs().max().getFloat();
            assertThat(maxDiff).isLessThan(1e-4f);
        }
    }

    private static void addBiases(Map<String, NDArray> weights, NDManager m) {
        for (int conv : CONVS) {
            long out = weights.get("encoder.features." + conv + ".weight").getShape().get(0);
            NDArray bias = m.randomUniform(-1f, 1f, new Shape(out));
            weights.put("encoder.features." + conv + ".bias", bias);
            String mean = "encoder.features." + (conv + 1) + ".running_mean";
            weights.put(mean, weights.get(mean).add(bias));
        }
    }
}
