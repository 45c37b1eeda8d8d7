/**
 * Decoders, one sub-package per architecture ({@code unet}, {@code fcn}). Each implements {@link
 * org.seg4j.model.Decoder} and is built for a given {@link org.seg4j.model.Encoder}.
 */
package org.seg4j.model.decoder;
