/**
 * seg4j: semantic segmentation on the JVM. {@link org.seg4j.Segmenter} is the entry point for
 * applications that embed a trained model; the sub-packages hold data sets ({@code data}),
 * joint image/mask transforms ({@code transform}), models ({@code model}), training
 * ({@code train}), metrics ({@code metric}), inference ({@code infer}) and the CLI ({@code cli}).
 */
package org.seg4j;
