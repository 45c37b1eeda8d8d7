package org.seg4j.onnx.export;

import ai.djl.nn.Block;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.seg4j.model.decoder.segnet.SegNetEncoder;
import org.seg4j.model.encoder.StageEncoder;
import org.seg4j.onnx.export.OnnxGraph.Attr;

/**
 * Exports of encoders. A {@link StageEncoder} (unet, vgg16, resnet18/34/50, mobilenetv2, fastscnn)
 * is its stages in order, each stage's output being one feature. SegNet's encoder pools with ONNX
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
        r.register(SegNetEncoder.class, (encoder, in, out) -> {
            List<String> features = new ArrayList<>();
            String x = in.get(0);
            for (Pair<String, Block> block : encoder.getChildren()) {
                List<String> pooled = out.graph().nodeWithOutputs("MaxPool", 2,
                        List.of(out.emit(block.getValue(), x)), Attr.of("kernel_shape", 2L, 2L),
                        Attr.of("strides", 2L, 2L));
                features.add(pooled.get(1));
                x = pooled.get(0);
            }
            features.add(x);
            return features;
        });
    }
}
