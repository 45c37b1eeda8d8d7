package org.seg4j.data.layout;

/**
 * The result of {@link DatasetLayouts#detect}: the layout and why it was chosen.
 *
 * @param layout the detected layout
 * @param reason one line for the user, e.g. {@code found train/ + trainannot/: CamVid layout}
 */
public record LayoutDetection(DatasetLayout layout, String reason) {}
