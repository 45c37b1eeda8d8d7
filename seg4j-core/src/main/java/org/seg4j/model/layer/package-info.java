/**
 * Small building blocks shared by encoders and decoders: convolution + batch norm + ReLU units,
 * bilinear resizing, cropping and padding of NCHW arrays, and the convolutional GRU memory of
 * temporal (video) models ({@link org.seg4j.model.layer.ConvGruMemory}).
 */
package org.seg4j.model.layer;
