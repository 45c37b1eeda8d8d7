/**
 * Inference: running a trained segmentation network on images of any size.
 *
 * <ul>
 *   <li>{@link org.seg4j.infer.Predictor} — image in, class map (or class probabilities) out, always
 *       at the input's resolution; whole-image or sliding-window inference with blended overlapping
 *       tiles, optional input scaling and flip augmentation; thread-safe.
 *   <li>The pieces it composes, for other predictors (instance, panoptic, video) to reuse:
 *       {@link org.seg4j.infer.ForwardPass} and {@link org.seg4j.infer.NetworkForward} (one forward
 *       pass, also used by validation during training), {@link org.seg4j.infer.InferenceStrategy} with
 *       {@link org.seg4j.infer.WholeImageInference} and
 *       {@link org.seg4j.infer.SlidingWindowInference} ({@link org.seg4j.infer.AdaptiveInference}
 *       picks one by size), test-time augmentation as wrappers
 *       ({@link org.seg4j.infer.FlipAugmentation} over a pass,
 *       {@link org.seg4j.infer.ScaledInference} and {@link org.seg4j.infer.MultiScaleAugmentation}
 *       over a strategy), {@link org.seg4j.infer.RefinedInference} (CRF) and
 *       {@link org.seg4j.infer.BatchInference}.
 *   <li>{@link org.seg4j.infer.PredictorOptions} — tile size, overlap, tile batch, whole-image limit,
 *       flip, scale.
 *   <li>{@link org.seg4j.infer.output.PredictionWriter} and {@link org.seg4j.infer.output.OutputFormat}
 *       — index mask, colour mask, overlay, per-class probability maps and cutout PNGs, written
 *       atomically.
 *   <li>{@link org.seg4j.infer.FolderPrediction} — a file or a folder of images to an output folder,
 *       with progress and a summary.
 *   <li>{@link org.seg4j.infer.Images} — minimal {@code BufferedImage}/{@code RgbImage} conversion,
 *       reading, resizing and PNG writing.
 * </ul>
 *
 * <p>The simplest entry point for applications is {@link org.seg4j.Segmenter}.
 */
package org.seg4j.infer;
