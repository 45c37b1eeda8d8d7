/**
 * ONNX for seg4j: {@link org.seg4j.onnx.OnnxRuntimeProvider} runs ONNX files with ONNX Runtime as
 * a {@link org.seg4j.infer.runtime.ModelRuntime} (found by {@link java.util.ServiceLoader}, so
 * seg4j-core does not depend on ONNX Runtime), {@link org.seg4j.onnx.export} writes seg4j
 * networks as ONNX files, and {@link org.seg4j.onnx.OnnxNetworkExporter} offers that export as a
 * {@link org.seg4j.infer.runtime.NetworkExporter}, so that {@code --engine onnxruntime} runs seg4j
 * models on ONNX Runtime.
 */
package org.seg4j.onnx;
