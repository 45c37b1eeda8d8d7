/**
 * Export of seg4j networks to ONNX without Python: {@link org.seg4j.onnx.export.OnnxExporter}
 * writes the model's padding and cropping and hands every block to the export registered for its
 * class ({@code BlockExports}: {@code LayerExports}, {@code EncoderExports}, {@code
 * DecoderExports}, {@code TransformerExports}); {@code OnnxGraph} writes the ONNX protobuf by hand ({@code ProtoWriter}), so
 * no protobuf library is needed.
 */
package org.seg4j.onnx.export;
