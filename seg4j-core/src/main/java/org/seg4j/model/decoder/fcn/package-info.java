/**
 * Fully convolutional network decoders: FCN-8s, FCN-16s and FCN-32s (skip connections, learned
 * upsampling) and torchvision's FCN on a dilated encoder ({@link
 * org.seg4j.model.decoder.fcn.DilatedFcn}).
 */
package org.seg4j.model.decoder.fcn;
