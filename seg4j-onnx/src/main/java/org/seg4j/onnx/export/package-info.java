/**
 * Export of seg4j networks to ONNX without Python: {@link org.seg4j.onnx.export.OnnxExporter}
 * walks the block tree and {@link org.seg4j.onnx.export.OnnxGraph} writes the ONNX protobuf by
 * hand ({@link org.seg4j.onnx.export.ProtoWriter}), so no protobuf library is needed.
 */
package org.seg4j.onnx.export;
