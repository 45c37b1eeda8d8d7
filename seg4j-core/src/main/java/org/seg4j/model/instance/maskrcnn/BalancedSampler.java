package org.seg4j.model.instance.maskrcnn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Draws a fixed-size training sample of candidates with at most a given fraction of positives, as
 * torchvision's {@code BalancedPositiveNegativeSampler}: up to {@code batch·fraction} positives at
 * random, the rest negatives at random; ignored candidates are never drawn.
 */
public final class BalancedSampler {

    private final int batchSize;
    private final float positiveFraction;

    /** A sampler of {@code batchSize} candidates per image with at most {@code positiveFraction} positives. */
    public BalancedSampler(int batchSize, float positiveFraction) {
        if (batchSize < 1 || positiveFraction <= 0 || positiveFraction > 1) {
            throw new IllegalArgumentException("sampler needs a batch size >= 1 and a positive fraction in (0, 1], got "
                    + batchSize + " and " + positiveFraction);
        }
        this.batchSize = batchSize;
        this.positiveFraction = positiveFraction;
    }

    /** Positive and negative candidate indices of one image. */
    public record Sample(int[] positives, int[] negatives) {}

    /**
     * @param matches a {@link Matcher} result: >= 0 positive, {@link Matcher#BELOW_LOW} negative
     */
    public Sample sample(int[] matches, Random random) {
        List<Integer> pos = new ArrayList<>();
        List<Integer> neg = new ArrayList<>();
        for (int k = 0; k < matches.length; k++) {
            if (matches[k] >= 0) {
                pos.add(k);
            } else if (matches[k] == Matcher.BELOW_LOW) {
                neg.add(k);
            }
        }
        int numPos = Math.min(pos.size(), (int) (batchSize * positiveFraction));
        int numNeg = Math.min(neg.size(), batchSize - numPos);
        Collections.shuffle(pos, random);
        Collections.shuffle(neg, random);
        return new Sample(pos.subList(0, numPos).stream().mapToInt(Integer::intValue).sorted().toArray(),
                neg.subList(0, numNeg).stream().mapToInt(Integer::intValue).sorted().toArray());
    }
}
