package org.seg4j.serve;

import org.seg4j.data.LabelMask;
import org.seg4j.infer.Probabilities;

/**
 * What the batcher hands back for one image: its class map, and its class probabilities when the
 * request asked for them (a soft-edged cutout), else {@code null}.
 */
record Prediction(LabelMask mask, Probabilities probabilities) {}
