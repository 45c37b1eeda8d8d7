/**
 * The region-based method (R-CNN style semantic segmentation): selective search regions
 * ({@code org.seg4j.data.region}) described by features pooled from one encoder pass
 * ({@link org.seg4j.infer.region.RegionDescriber}, {@link org.seg4j.infer.region.RegionFeatures}),
 * scored by one linear SVM per class ({@link org.seg4j.infer.region.LinearSvms}) and turned into
 * pixel labels by the best-scoring region covering each pixel
 * ({@link org.seg4j.infer.region.RegionLabels}). A trained model is a model directory whose
 * manifest names the {@code regions} runtime ({@link org.seg4j.infer.region.RegionRuntime}), so the
 * {@link org.seg4j.infer.Predictor} runs it like any other model. Training lives in
 * {@code org.seg4j.train.region}.
 */
package org.seg4j.infer.region;
