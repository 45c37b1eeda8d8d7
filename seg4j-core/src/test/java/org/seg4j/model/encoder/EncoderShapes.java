package org.seg4j.model.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.seg4j.model.Encoder;

/** Checks an encoder's declared channels and strides against a real forward pass. */
final class EncoderShapes {

    private EncoderShapes() {}

    /** The features of a forward pass have the declared channels and strides, and match getOutputShapes. */
    static void assertMatchesForward(Encoder e, int height, int width) {
        try (NDManager base = NDManager.newBaseManager()) {
            Shape input = new Shape(2, 3, height, width);
            e.initialize(base, DataType.FLOAT32, input);
            Shape[] declared = e.getOutputShapes(new Shape[] {input});
            try (NDManager sub = base.newSubManager()) {
                NDList features = e.forward(new ParameterStore(base, false),
                        new NDList(sub.randomUniform(0, 1, input)), false);
                assertThat(features).hasSize(e.reductions().length);
                for (int i = 0; i < features.size(); i++) {
                    Shape expected = new Shape(2, e.outChannels()[i], height / e.reductions()[i],
                            width / e.reductions()[i]);
                    assertThat(features.get(i).getShape()).as("stage %d", i).isEqualTo(expected);
                    assertThat(declared[i]).as("declared stage %d", i).isEqualTo(expected);
                    assertThat(features.get(i).isNaN().any().getBoolean()).as("NaN in stage %d", i).isFalse();
                }
            }
        }
    }
}
