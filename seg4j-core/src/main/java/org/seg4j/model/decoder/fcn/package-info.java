/** Fully convolutional network decoders (FCN-8s, FCN-16s, FCN-32s). */
package org.seg4j.model.decoder.fcn;
