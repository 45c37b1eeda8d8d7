/**
 * SegNet: a VGG-16 encoder whose max-pooling keeps its switches and a decoder that upsamples with
 * them ({@link org.seg4j.model.decoder.segnet.MaxUnpooling}); factory {@link
 * org.seg4j.model.decoder.segnet.SegNet}.
 */
package org.seg4j.model.decoder.segnet;
