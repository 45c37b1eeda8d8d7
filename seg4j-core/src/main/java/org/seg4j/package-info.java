/**
 * seg4j: semantic segmentation on the JVM. {@link org.seg4j.Segmenter} is the entry point for
 * applications that embed a trained model; the sub-packages hold data sets ({@code data}),
 * joint image/mask transforms ({@code transform}), models ({@code model}), training
 * ({@code train}), metrics ({@code metric}), inference ({@code infer}) and the CLI ({@code cli}).
 * Errors meant for the user are {@link org.seg4j.Seg4jException}s; the Segmenter throws its
 * subclasses {@link org.seg4j.InvalidImageException} (a bad image, named) and
 * {@link org.seg4j.InvalidModelException} (a bad model directory, named).
 */
package org.seg4j;
