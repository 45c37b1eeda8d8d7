package org.seg4j.model.weights;

import java.util.Locale;
import org.seg4j.model.decoder.selfie.MediaPipeSelfie;
import org.seg4j.model.decoder.selfie.SelfieNames;

/**
 * {@code mediapipe-selfie} from the names {@code tools/selfie/convert_selfie.py} writes: {@code
 * encoder.stem}, {@code encoder.blocks.i.{expand, depthwise, se.reduce, se.expand, project}}, {@code
 * decoder.context_conv}, {@code decoder.context_gate}, {@code decoder.stages.j.{project,
 * attention.reduce, attention.expand, refine, depthwise}} and {@code decoder.upsample}, every one a
 * convolution with bias in PyTorch's layout.
 */
final class SelfieMapping {

    private SelfieMapping() {}

    static WeightMapping table() {
        WeightMapping.Builder b = WeightMapping.builder();
        String enc = WeightMappings.MODEL_ENCODER;
        b.convWithBias(enc + "01stage0_01SameConv_01conv", "encoder.stem");
        int[] stages = SelfieNames.blockStages();
        int previousStage = -1;
        int inStage = 0;
        for (int i = 0; i < stages.length; i++) {
            inStage = stages[i] == previousStage ? inStage + 1 : 1;
            previousStage = stages[i];
            String block = String.format(Locale.ROOT, "%s%02dstage%d_%02dInvertedResidual_", enc, stages[i] + 1,
                    stages[i], inStage);
            String source = "encoder.blocks." + i + ".";
            b.convWithBias(block + "01expand_01conv", source + "expand");
            b.convWithBias(block + "02depthwise_01conv", source + "depthwise");
            int next = 3;
            if (SelfieNames.hasSqueezeExcite(i)) {
                b.convWithBias(block + "03se_01reduce_01conv", source + "se.reduce");
                b.convWithBias(block + "03se_02expand_01conv", source + "se.expand");
                next = 4;
            }
            b.convWithBias(block + String.format(Locale.ROOT, "%02dproject_01conv", next), source + "project");
        }
        String dec = ModelMappings.DECODER;
        b.convWithBias(dec + "01context_conv_01conv", "decoder.context_conv");
        b.convWithBias(dec + "02context_gate_01conv", "decoder.context_gate");
        for (int j = 0; j < SelfieNames.decoderStages(); j++) {
            String stage = String.format(Locale.ROOT, "%s%02dstage%d_", dec, j + 3, j);
            String source = "decoder.stages." + j + ".";
            b.convWithBias(stage + "01project_01conv", source + "project");
            b.convWithBias(stage + "02attention_01reduce_01conv", source + "attention.reduce");
            b.convWithBias(stage + "02attention_02expand_01conv", source + "attention.expand");
            b.convWithBias(stage + "03refine_01conv", source + "refine");
            b.convWithBias(stage + "04depthwise_01conv", source + "depthwise");
        }
        b.convWithBias(String.format(Locale.ROOT, "%s%02dupsample_01conv", dec, SelfieNames.decoderStages() + 3),
                "decoder.upsample");
        return b.build();
    }

    /** The architecture this table is for. */
    static String architecture() {
        return MediaPipeSelfie.NAME;
    }
}
