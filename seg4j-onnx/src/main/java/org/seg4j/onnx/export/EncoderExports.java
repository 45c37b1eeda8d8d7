package org.seg4j.onnx.export;

import ai.djl.nn.Block;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.seg4j.model.encoder.StageEncoder;
import org.seg4j.model.encoder.VggEncoder;
import org.seg4j.onnx.export.OnnxGraph.Attr;

/**
 * Exports of encoders. A {@link StageEncoder} (unet, vgg16, resnet18/34/50, mobilenetv2, fastscnn)
 * is its stages in order, each stage's output being one feature. SegNet's encoder (a {@link
 * VggEncoder} that keeps its pooling switches) pools with ONNX
 * {@code MaxPool}'s second output, the indices of the maxima, and hands those to {@link
 * DecoderExports}' SegNet decoder in place of seg4j's switch masks: the two encode the same
 * positions (the first maximum of each window in row-major order), and {@code MaxUnpool} reads
 * indices.
 */
final class EncoderExports {

    private EncoderExports() {}

    static void registerInto(BlockExports r) {
        r.register(StageEncoder.class, (encoder, in, out) -> {
            List<String> features = new ArrayList<>();
            List<String> x = in;
            for (Pair<String, Block> stage : encoder.getChildren()) {
                x = out.emit(stage.getValue(), x);
                features.add(x.get(0));
            }
            return features;
        });
        r.register(VggEncoder.class, (encoder, in, out) -> {
            List<String> features = new ArrayList<>();
            List<String> x = in;
            boolean switches = ((VggEncoder) encoder).keepsSwitches();
            for (Pair<String, Block> stage : encoder.getChildren()) {
                if (!switches) {
                    x = out.emit(stage.getValue(), x);
                    features.add(x.get(0));
                    continue;
                }
                // the block's convolutions, then the pooling that also outputs the indices of its maxima
                List<Block> units = stage.getValue().getChildren().values();
                for (int i = 0; i < units.size() - 1; i++) {
                    x = out.emit(units.get(i), x);
                }
                List<String> pooled = out.graph().nodeWithOutputs("MaxPool", 2, List.of(x.get(0)),
                        Attr.of("kernel_shape", 2L, 2L), Attr.of("strides", 2L, 2L));
                features.add(pooled.get(1));
                x = List.of(pooled.get(0));
            }
            if (switches) {
                features.add(x.get(0));
            }
            return features;
        });
    }
}
