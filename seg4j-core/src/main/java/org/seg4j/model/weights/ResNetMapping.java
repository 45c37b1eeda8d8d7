package org.seg4j.model.weights;

import java.util.Locale;

/**
 * torchvision's ResNet-18/34/50/101 names ({@code conv1}, {@code bn1}, {@code layer1.0.conv1}, ...,
 * {@code layer4.2.downsample.0}) onto seg4j's {@code ResNetEncoder}, relative to the encoder. The
 * two networks match unit for unit (stride on the 3x3 convolution of bottlenecks, as torchvision),
 * and dilation changes no weight shape, so one table serves every output stride. The ImageNet
 * classifier {@code fc} has no counterpart.
 */
final class ResNetMapping {

    private ResNetMapping() {}

    static WeightMapping table(int depth) {
        int[] units = switch (depth) {
            case 18 -> new int[] {2, 2, 2, 2};
            case 34, 50 -> new int[] {3, 4, 6, 3};
            case 101 -> new int[] {3, 4, 23, 3};
            default -> throw new IllegalArgumentException("resnet depth " + depth);
        };
        int convs = depth >= 50 ? 3 : 2;
        WeightMapping.Builder b = WeightMapping.builder()
                .convBn("01stage0", "conv1", "bn1")
                .ignore("fc.weight", "ImageNet classifier, no counterpart in a segmentation encoder")
                .ignore("fc.bias", "ImageNet classifier, no counterpart in a segmentation encoder");
        for (int layer = 1; layer <= units.length; layer++) {
            String stage = String.format(Locale.ROOT, "%02dstage%d", layer + 1, layer);
            // layer1 starts with the max pooling, so its units are children 2, 3, ...
            int first = layer == 1 ? 2 : 1;
            for (int u = 0; u < units[layer - 1]; u++) {
                String unit = String.format(Locale.ROOT, "%s_%02dResidual", stage, first + u);
                String torch = "layer" + layer + "." + u;
                for (int c = 1; c <= convs; c++) {
                    b.convBn(String.format(Locale.ROOT, "%s_01main_%02dConvBn", unit, c), torch + ".conv" + c,
                            torch + ".bn" + c);
                }
                // torchvision has a downsample exactly where seg4j's unit changes size or channels
                if (u == 0 && (layer > 1 || depth >= 50)) {
                    b.convBn(unit + "_02shortcut", torch + ".downsample.0", torch + ".downsample.1");
                }
            }
        }
        return b.build();
    }
}
