package org.seg4j.infer.region;

/**
 * One image's encoder features: {@code channels x height x width} floats, each cell covering
 * {@code stride x stride} input pixels (cell {@code (x / stride, y / stride)} for pixel (x, y)).
 *
 * @param channels feature channels
 * @param height cells per column ({@code ceil(imageHeight / stride)})
 * @param width cells per row
 * @param stride input pixels per cell side
 * @param data {@code channels * height * width} floats, channel-major
 */
public record FeatureMap(int channels, int height, int width, int stride, float[] data) {

    public FeatureMap {
        if (data.length != channels * height * width) {
            throw new IllegalArgumentException("feature map has " + data.length + " floats, expected "
                    + channels + "x" + height + "x" + width);
        }
    }
}
