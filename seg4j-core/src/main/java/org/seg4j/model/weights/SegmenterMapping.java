package org.seg4j.model.weights;

import ai.djl.nn.Block;
import java.util.List;
import org.seg4j.model.SegmentationModel;
import org.seg4j.model.layer.TransformerBlock;

/**
 * seg4j's {@code segmenter} from the twin {@code Segmenter} of {@code bench/parity/twins.py}, with
 * timm's ViT names for the encoder ({@code encoder.patch_embed.proj}, {@code encoder.pos_embed},
 * {@code encoder.blocks.i.norm1/attn.qkv/attn.proj/norm2/mlp.fc1/mlp.fc2}, {@code encoder.norm})
 * and the Segmenter reference's names for the mask transformer ({@code decoder.proj_dec}, {@code
 * decoder.cls_emb}, {@code decoder.blocks.i.*}, {@code decoder.decoder_norm}, {@code
 * decoder.proj_patch}, {@code decoder.proj_classes}, {@code decoder.mask_norm}).
 *
 * <p>Not a timm or Segmenter checkpoint table: seg4j's positional embedding is a {@code (1, D, gh,
 * gw)} map without a class token (timm's is a {@code (1, 1 + gh gw, D)} sequence), and the
 * reference's {@code proj_patch}/{@code proj_classes} are raw matrices applied as {@code x P}, so
 * they are the transposes of these linear weights. Shapes are checked, so such a file fails with a
 * message rather than loading wrongly.
 */
final class SegmenterMapping {

    private static final String ENCODER = WeightMappings.MODEL_ENCODER;
    private static final String DECODER = ModelMappings.DECODER;

    private SegmenterMapping() {}

    static WeightMapping table(SegmentationModel model) {
        WeightMapping.Builder b = WeightMapping.builder();
        Block encoder = (Block) model.encoder();
        List<String> enc = ModelMappings.children(encoder);
        int block = 0;
        for (int i = 0; i < enc.size(); i++) {
            String t = ENCODER + enc.get(i);
            String name = enc.get(i).substring(2);
            Block child = encoder.getChildren().get(i).getValue();
            if (name.equals("patch_embed")) {
                b.linear(t, "encoder.patch_embed.proj");
            } else if (name.equals("pos_embed")) {
                b.add(t + "_pos_embed", "encoder.pos_embed", WeightMapping.Transform.COPY);
            } else if (child instanceof TransformerBlock) {
                transformerBlock(b, t, "encoder.blocks." + block++);
            } else {
                b.layerNorm(t, "encoder.norm");
            }
        }
        Block decoder = model.decoder();
        List<String> dec = ModelMappings.children(decoder);
        b.add(DECODER + "cls_emb", "decoder.cls_emb", WeightMapping.Transform.COPY);
        block = 0;
        for (int i = 0; i < dec.size(); i++) {
            String t = DECODER + dec.get(i);
            String name = dec.get(i).substring(2);
            Block child = decoder.getChildren().get(i).getValue();
            if (child instanceof TransformerBlock) {
                transformerBlock(b, t, "decoder.blocks." + block++);
            } else if (name.equals("proj_dec")) {
                b.linear(t, "decoder.proj_dec");
            } else if (name.startsWith("proj_")) {
                b.conv(t, "decoder." + name); // bias-free; conv's rule is weight only
            } else {
                b.layerNorm(t, "decoder." + name);
            }
        }
        return b.build();
    }

    /** A {@link TransformerBlock} (children norm1, attn with qkv and proj, norm2, fc1, fc2) from timm's names. */
    private static void transformerBlock(WeightMapping.Builder b, String target, String source) {
        b.layerNorm(target + "_01norm1", source + ".norm1");
        b.linear(target + "_02attn_01qkv", source + ".attn.qkv");
        b.linear(target + "_02attn_02proj", source + ".attn.proj");
        b.layerNorm(target + "_03norm2", source + ".norm2");
        b.linear(target + "_04fc1", source + ".mlp.fc1");
        b.linear(target + "_05fc2", source + ".mlp.fc2");
    }
}
