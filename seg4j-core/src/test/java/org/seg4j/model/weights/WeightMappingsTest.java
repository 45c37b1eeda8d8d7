package org.seg4j.model.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.nn.Block;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.encoder.Encoders;

class WeightMappingsTest {

    @Test
    void anIbnResNetHasNoTorchvisionTableAndSaysWhy() {
        ModelSpec plain = new ModelSpec("deeplabv3plus", "resnet18", 3, 8, Map.of());
        ModelSpec ibn = new ModelSpec("deeplabv3plus", "resnet18", 3, 8, Map.of(Encoders.IBN, "a"));
        assertThat(ModelMappings.forModel(plain, (Block) ModelRegistry.create(plain), true).entries()).isNotEmpty();
        for (boolean encoderOnly : new boolean[] {true, false}) {
            Block model = (Block) ModelRegistry.create(ibn);
            assertThatThrownBy(() -> ModelMappings.forModel(ibn, model, encoderOnly))
                    .as("encoder only: %s", encoderOnly)
                    .isInstanceOf(Seg4jException.class)
                    .hasMessageContaining("ibn=a")
                    .hasMessageContaining("torchvision");
        }
    }
}
