/**
 * PyTorch weights in and out: reading a state dict saved as safetensors or npz ({@link
 * org.seg4j.model.weights.TensorFile}), mapping tables from seg4j parameter names to PyTorch names
 * ({@link org.seg4j.model.weights.WeightMapping}, one per encoder and architecture in {@link
 * org.seg4j.model.weights.WeightMappings}), loading with shape checks and a complete report of what
 * was used and what was not ({@link org.seg4j.model.weights.WeightImporter}), and writing a seg4j
 * model directory ({@link org.seg4j.model.weights.ModelImport}); and out again: seg4j weights as a
safetensors state dict under the same PyTorch names ({@link org.seg4j.model.weights.WeightExport}).
 */
package org.seg4j.model.weights;
