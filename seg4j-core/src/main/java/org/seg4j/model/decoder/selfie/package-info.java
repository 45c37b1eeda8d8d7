/**
 * MediaPipe's selfie (person) segmentation network, rebuilt so that the published weights run in
 * seg4j: a MobileNetV3-like encoder ({@link org.seg4j.model.decoder.selfie.SelfieEncoder}:
 * inverted residual blocks with hard-swish and squeeze-excitation), a decoder whose stages gate each
 * skip connection with squeeze-excitation weights ({@link
 * org.seg4j.model.decoder.selfie.SelfieDecoder}) and a 2x2 transposed convolution to one person
 * logit. Convolutions pad like TensorFlow's {@code SAME} ({@link
 * org.seg4j.model.decoder.selfie.SameConv}), which is asymmetric at stride 2. Registered as
 * {@code mediapipe-selfie}; the weights come from {@code tools/selfie/convert_selfie.py}.
 */
package org.seg4j.model.decoder.selfie;
