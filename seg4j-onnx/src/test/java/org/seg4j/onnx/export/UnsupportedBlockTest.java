package org.seg4j.onnx.export;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;
import org.seg4j.model.Decoder;
import org.seg4j.model.Encoder;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.SegmentationHead;
import org.seg4j.model.SegmentationModel;
import org.seg4j.model.encoder.Encoders;

/** A block without an export is refused with its name, where it sits and the architecture. */
class UnsupportedBlockTest {

    /** A decoder seg4j does not ship (so nothing exports it): the deepest feature, squared. */
    static final class SquaringDecoder extends AbstractBlock implements Decoder {
        private final int channels;

        SquaringDecoder(int channels) {
            this.channels = channels;
        }

        @Override
        public int[] featureReductions() {
            return new int[] {32};
        }

        @Override
        public int outChannels() {
            return channels;
        }

        @Override
        public int outputReduction() {
            return 32;
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> p) {
            return new NDList(inputs.head().square());
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {}
    }

    @Test
    void unsupportedBlockIsNamedWithTheArchitecture() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Encoder encoder = Encoders.create("resnet18", 8);
            int[] channels = encoder.outChannels();
            SegmentationModel model = SegmentationModel.builder()
                    .setEncoder(encoder)
                    .setDecoder(new SquaringDecoder(channels[channels.length - 1]))
                    .setHead(SegmentationHead.builder().setNumClasses(3).optUpsampling(32).build())
                    .build();
            ModelDirectory.initialize(model, manager, 32, 32);
            assertThatThrownBy(() -> OnnxExporter.export(model, "squarenet", manager))
                    .isInstanceOf(Seg4jException.class)
                    .hasMessageContaining("'squarenet'")
                    .hasMessageContaining("SquaringDecoder")
                    .hasMessageContaining("blocks that export")
                    .hasMessageContaining("DeepLabV3PlusDecoder");
        }
    }
}
