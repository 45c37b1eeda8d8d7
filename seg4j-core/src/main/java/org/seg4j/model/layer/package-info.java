/**
 * Small building blocks shared by encoders and decoders: convolution + batch norm + ReLU units,
 * bilinear resizing, cropping and padding of NCHW arrays.
 */
package org.seg4j.model.layer;
