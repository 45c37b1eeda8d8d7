/**
 * SegNet: the shared VGG-16 encoder, its max-pooling keeping its switches, and a decoder that upsamples with
 * them ({@link org.seg4j.model.layer.MaxUnpooling}); factory {@link
 * org.seg4j.model.decoder.segnet.SegNet}.
 */
package org.seg4j.model.decoder.segnet;
