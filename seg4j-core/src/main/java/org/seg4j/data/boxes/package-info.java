/**
 * Bounding-box annotations for weak supervision: {@link org.seg4j.data.boxes.Box}, the box file
 * format {@link org.seg4j.data.boxes.BoxLabels}, and {@link org.seg4j.data.boxes.MaskBoxes},
 * which derives boxes from masks (connected components per class).
 */
package org.seg4j.data.boxes;
