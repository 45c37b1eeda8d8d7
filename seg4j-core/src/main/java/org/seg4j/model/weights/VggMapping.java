package org.seg4j.model.weights;

import java.util.Locale;

/**
 * torchvision's {@code vgg16_bn} {@code features} names onto seg4j's {@code VggEncoder}, relative to
 * the encoder. Each block's units are {@code features.k} (conv), {@code features.k+1} (BN), {@code
 * features.k+2} (ReLU); a max pooling ends each block, so the convolutions sit at 0, 3, 7, 10, 14,
 * 17, 20, 24, 27, 30, 34, 37, 40. torchvision's convolutions have a bias, seg4j's (followed by a
 * batch norm) do not: the bias is folded into the running mean ({@link WeightMapping.Fold}), which
 * changes no output. The ImageNet classifier has no counterpart.
 */
final class VggMapping {

    /** Units per block of VGG-16. */
    private static final int[] CONVS = {2, 2, 3, 3, 3};

    private VggMapping() {}

    static WeightMapping table() {
        WeightMapping.Builder b = WeightMapping.builder();
        int index = 0;
        for (int block = 0; block < CONVS.length; block++) {
            for (int c = 0; c < CONVS[block]; c++) {
                String target = String.format(Locale.ROOT, "%02dstage%d_%02dFoldableSequence", block + 1, block, c + 1);
                b.sequentialConvBnFoldingBias(target, "features." + index, "features." + (index + 1));
                index += 3;
            }
            index++; // the max pooling
        }
        for (int layer : new int[] {0, 3, 6}) {
            for (String p : new String[] {"weight", "bias"}) {
                b.ignore("classifier." + layer + "." + p, "ImageNet classifier, no counterpart in a segmentation encoder");
            }
        }
        return b.build();
    }
}
