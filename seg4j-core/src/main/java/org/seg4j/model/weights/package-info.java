/**
 * PyTorch weights in: reading a state dict saved as safetensors or npz ({@link
 * org.seg4j.model.weights.TensorFile}), mapping tables from seg4j parameter names to PyTorch names
 * ({@link org.seg4j.model.weights.WeightMapping}, one per encoder and architecture in {@link
 * org.seg4j.model.weights.WeightMappings}), loading with shape checks and a complete report of what
 * was used and what was not ({@link org.seg4j.model.weights.WeightImporter}), and writing a seg4j
 * model directory ({@link org.seg4j.model.weights.ModelImport}).
 */
package org.seg4j.model.weights;
