/**
 * LR-ASPP (Lite Reduced Atrous Spatial Pyramid Pooling, Howard et al., 2019), torchvision's fast
 * CPU segmentation model: {@link org.seg4j.model.decoder.lraspp.LrAspp} composes it on a
 * MobileNetV3-Large encoder at output stride 16, {@link
 * org.seg4j.model.decoder.lraspp.LrAsppDecoder} is the head.
 */
package org.seg4j.model.decoder.lraspp;
