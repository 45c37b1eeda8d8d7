package org.seg4j.train.optim;

import ai.djl.nn.Parameter;

/**
 * Which weight-decay multiplier a parameter takes, as MMSegmentation's parameter-wise options
 * ({@code norm_decay_mult}, {@code bias_decay_mult}) group them: the scale and shift of
 * normalisation layers (batch, layer and L2 norm: DJL's {@link Parameter.Type#GAMMA} and
 * {@link Parameter.Type#BETA}), the biases of the other layers ({@link Parameter.Type#BIAS}),
 * and everything else.
 */
public enum DecayGroup {
    /** Scale ({@code gamma}) and shift ({@code beta}) of a normalisation layer. */
    NORM,
    /** Bias of a convolution or linear layer. */
    BIAS,
    /** Weights and all other parameters: the full weight decay. */
    OTHER;

    /** The group of {@code parameter}, from its type. */
    public static DecayGroup of(Parameter parameter) {
        return switch (parameter.getType()) {
            case GAMMA, BETA -> NORM;
            case BIAS -> BIAS;
            default -> OTHER;
        };
    }
}
