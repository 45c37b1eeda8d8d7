package org.seg4j.model.decoder.selfie;

/**
 * The structure facts a weight mapping table needs (which stage each encoder block ends, which
 * blocks have squeeze-excitation, how many decoder stages), so that the table follows the network
 * instead of repeating it.
 */
public final class SelfieNames {

    private SelfieNames() {}

    /** Encoder stage (1-3) of each inverted residual block, in order. */
    public static int[] blockStages() {
        int[] out = new int[SelfieEncoder.BLOCKS.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = SelfieEncoder.BLOCKS[i][6];
        }
        return out;
    }

    /** Whether encoder block {@code i} has squeeze-excitation. */
    public static boolean hasSqueezeExcite(int i) {
        return SelfieEncoder.BLOCKS[i][4] > 0;
    }

    /** Number of decoder stages. */
    public static int decoderStages() {
        return SelfieDecoder.STAGES.length;
    }
}
