/**
 * Decoders, one sub-package per architecture ({@code unet}, {@code fcn}, {@code deeplab}, {@code
 * pspnet}, {@code parsenet}, {@code fastfcn}). Each implements {@link org.seg4j.model.Decoder} and
 * is built for a given {@link org.seg4j.model.Encoder}; {@link
 * org.seg4j.model.decoder.DecoderSpecs} holds the option handling the factories share.
 */
package org.seg4j.model.decoder;
