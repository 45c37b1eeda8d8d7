/**
 * DeepLabV3 and DeepLabV3+: atrous spatial pyramid pooling ({@link
 * org.seg4j.model.decoder.deeplab.Aspp}) on a dilated encoder, and V3+'s low-level decoder.
 */
package org.seg4j.model.decoder.deeplab;
