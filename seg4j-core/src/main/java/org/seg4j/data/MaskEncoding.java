package org.seg4j.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;

/** How a mask file stores its labels; {@link MaskReader} detects it from the image's colour model. */
public enum MaskEncoding {

    /** Gray image whose pixel value is the class id (CamVid's label maps, for example). */
    INDEX,

    /** Palette image whose palette index is the class id (Pascal VOC's masks); colours are ignored. */
    PALETTE,

    /** RGB image where each class is drawn in its colour from the class list. */
    COLOR;

    /** The encoding of a decoded mask image. */
    public static MaskEncoding of(BufferedImage image) {
        if (image.getColorModel() instanceof IndexColorModel) {
            return PALETTE;
        }
        if (image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            return INDEX;
        }
        return COLOR;
    }
}
