package org.seg4j.onnx.export;

import ai.djl.nn.Block;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.seg4j.model.SegmentationHead;
import org.seg4j.model.decoder.TwoStageDecoder;
import org.seg4j.model.decoder.deeplab.Aspp;
import org.seg4j.model.decoder.deeplab.DeepLabV3PlusDecoder;
import org.seg4j.model.decoder.fastfcn.JointPyramidUpsampling;
import org.seg4j.model.decoder.fastscnn.FastScnnDecoder;
import org.seg4j.model.decoder.fcn.FcnDecoder;
import org.seg4j.model.decoder.lraspp.LrAsppDecoder;
import org.seg4j.model.decoder.parsenet.ParseNetDecoder;
import org.seg4j.model.decoder.segnet.SegNetDecoder;
import org.seg4j.model.decoder.unet.UNetDecoder;
import org.seg4j.onnx.export.OnnxGraph.Attr;

/**
 * Exports of decoders, their context modules and the head, each the ONNX twin of the block's
 * forward pass (children are looked up by the names the blocks register them under).
 */
final class DecoderExports {

    private DecoderExports() {}

    static void registerInto(BlockExports r) {
        r.register(SegmentationHead.class, DecoderExports::head);
        r.register(TwoStageDecoder.class, (d, in, out) -> {
            List<Block> parts = children(d);
            return out.emit(parts.get(1), out.emit(parts.get(0), in));
        });
        r.register(Aspp.class, DecoderExports::aspp);
        r.register(DeepLabV3PlusDecoder.class, (d, in, out) -> {
            String low = out.emit(out.child(d, "low_level"), in.get(0));
            String deep = out.emit(out.child(d, "aspp"), in.get(1));
            String cat = out.concat(List.of(out.resizeLike(deep, low), low), 1);
            return out.emit(out.child(d, "refine"), List.of(cat));
        });
        r.register(JointPyramidUpsampling.class, DecoderExports::jointPyramidUpsampling);
        r.register(ParseNetDecoder.class, (d, in, out) -> {
            String x = in.get(0);
            String local = out.emit(out.child(d, "local_norm"), x);
            String global = out.emit(out.child(d, "global_norm"), out.node("GlobalAveragePool", List.of(x)));
            return List.of(out.concat(List.of(local, out.broadcastLike(global, x)), 1));
        });
        r.register(UNetDecoder.class, DecoderExports::unet);
        r.register(FcnDecoder.class, DecoderExports::fcn);
        r.register(FastScnnDecoder.class, (d, in, out) -> {
            String fine = in.get(0);
            String context = out.emit(out.child(d, "ppm"), in.get(1));
            String high = out.emit(out.child(d, "high"), fine);
            String low = out.emit(out.child(d, "low"), out.resizeLike(context, fine));
            String scores = out.emit(out.child(d, "classifier"), out.relu(out.add(high, low)));
            return out.emit(out.child(d, "upsample"), List.of(scores));
        });
        r.register(LrAsppDecoder.class, (d, in, out) -> {
            String low = in.get(0);
            String high = in.get(1);
            String x = out.emit(out.child(d, "cbr"), high);
            String gate = out.node("Sigmoid", List.of(out.emit(out.child(d, "scale"),
                    out.node("GlobalAveragePool", List.of(high)))));
            String up = out.resizeLike(out.node("Mul", List.of(x, gate)), low);
            return List.of(out.add(out.emit(out.child(d, "low_classifier"), low),
                    out.emit(out.child(d, "high_classifier"), up)));
        });
        r.register(SegNetDecoder.class, (d, in, out) -> {
            // in: the indices of pool1..pool5 (see EncoderExports), then pool5
            int steps = in.size() - 1;
            String x = in.get(steps);
            for (int i = steps - 1; i >= 0; i--) {
                String up = out.node("MaxUnpool", List.of(x, in.get(i)), Attr.of("kernel_shape", 2L, 2L),
                        Attr.of("strides", 2L, 2L));
                x = out.emit(out.child(d, "block" + (i + 1)), up);
            }
            return List.of(x);
        });
    }

    private static List<String> head(SegmentationHead head, List<String> in, OnnxEmitter out) {
        String x = head.hasProjection() ? out.emit(out.child(head, "projection"), in.get(0)) : in.get(0);
        return List.of(head.upsampling() > 1 ? out.resizeBy(x, head.upsampling()) : x);
    }

    /** Parallel branches, the image-pooling branch broadcast back, concatenated and projected. */
    private static List<String> aspp(Aspp aspp, List<String> in, OnnxEmitter out) {
        String x = in.get(0);
        List<String> parts = new ArrayList<>();
        for (Pair<String, Block> c : aspp.getChildren()) {
            String name = OnnxEmitter.childName(c.getKey());
            if (!name.equals("pooling") && !name.equals("projection")) {
                parts.add(out.emit(c.getValue(), x));
            }
        }
        String pooled = out.node("GlobalAveragePool", List.of(x));
        parts.add(out.broadcastLike(out.emit(out.child(aspp, "pooling"), pooled), x));
        return out.emit(out.child(aspp, "projection"), List.of(out.concat(parts, 1)));
    }

    /** Each input reduced and upsampled to the finest, concatenated, then parallel dilated separable units, concatenated. */
    private static List<String> jointPyramidUpsampling(JointPyramidUpsampling jpu, List<String> in, OnnxEmitter out) {
        List<String> reduced = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (Pair<String, Block> c : jpu.getChildren()) {
            String name = OnnxEmitter.childName(c.getKey());
            if (name.startsWith("reduce")) {
                int i = reduced.size();
                String y = out.emit(c.getValue(), in.get(i));
                reduced.add(i == 0 ? y : out.resizeLike(y, in.get(0)));
            }
        }
        String joint = out.concat(reduced, 1);
        for (Pair<String, Block> c : jpu.getChildren()) {
            if (OnnxEmitter.childName(c.getKey()).startsWith("dilation")) {
                parts.add(out.emit(c.getValue(), joint));
            }
        }
        return List.of(out.concat(parts, 1));
    }

    /** Deepest feature upsampled to each skip, concatenated with it and refined; blocks are registered deepest first. */
    private static List<String> unet(UNetDecoder d, List<String> features, OnnxEmitter out) {
        List<Block> blocks = children(d);
        java.util.Collections.reverse(blocks);
        String x = features.get(features.size() - 1);
        for (int i = blocks.size() - 1; i >= 0; i--) {
            String skip = features.get(i);
            x = out.emit(blocks.get(i), out.concat(List.of(out.resizeLike(x, skip), skip), 1));
        }
        return List.of(x);
    }

    /** Scores fused coarse to fine: the learned 2x upsampling of the coarser scores, cropped, plus the finer scores. */
    private static List<String> fcn(FcnDecoder d, List<String> features, OnnxEmitter out) {
        int[] r = d.featureReductions();
        int last = r.length - 1;
        String deepest = out.emit(out.child(d, "fc"), features.get(last));
        String s = out.emit(out.child(d, "score" + r[last]), deepest);
        for (int i = last - 1; i >= 0; i--) {
            String skip = out.emit(out.child(d, "score" + r[i]), features.get(i));
            String up = out.emit(out.child(d, "up" + r[i + 1]), s);
            s = out.add(out.cropLike(up, skip), skip);
        }
        return List.of(out.emit(out.child(d, "up" + r[0] + "x"), s));
    }

    private static List<Block> children(Block block) {
        List<Block> list = new ArrayList<>();
        block.getChildren().forEach(p -> list.add(p.getValue()));
        return list;
    }
}
