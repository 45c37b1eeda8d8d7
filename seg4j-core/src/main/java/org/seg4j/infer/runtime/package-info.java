/**
 * Models trained elsewhere: a model directory whose manifest names a {@code runtime} and a {@code
 * file} (an ONNX or TorchScript file) runs through a {@link org.seg4j.infer.runtime.ModelRuntime}
 * instead of a seg4j network, behind the same {@link org.seg4j.infer.ForwardPass}, so every
 * inference strategy (tiling, flip, scales) and output format works on it unchanged.
 *
 * <p>Runtimes are found with {@link java.util.ServiceLoader}: seg4j-core ships TorchScript (DJL's
 * PyTorch engine); the {@code seg4j-onnx} module adds ONNX Runtime when it is on the class path.
 * {@link org.seg4j.infer.runtime.ExternalModelImport} writes such a directory after checking the
 * file with one dry run.
 *
 * <p>The other way round, a {@link org.seg4j.infer.runtime.NetworkExporter} (the {@code seg4j-onnx}
 * module adds the ONNX one) writes a seg4j network as such a file, so that {@link
 * org.seg4j.infer.InferenceEngine#ONNXRUNTIME} runs a seg4j model directory through the same path;
 * {@link org.seg4j.infer.runtime.ExportCache} keeps the export next to the weights.
 */
package org.seg4j.infer.runtime;
