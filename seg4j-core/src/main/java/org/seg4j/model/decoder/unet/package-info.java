/** The U-Net expanding path. */
package org.seg4j.model.decoder.unet;
