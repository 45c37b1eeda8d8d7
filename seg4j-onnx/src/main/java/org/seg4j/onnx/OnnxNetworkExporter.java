package org.seg4j.onnx;

import java.nio.file.Path;
import org.seg4j.Seg4jException;
import org.seg4j.infer.runtime.NetworkExporter;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.model.SegmentationModel;
import org.seg4j.onnx.export.OnnxExporter;
import org.seg4j.util.BuildInfo;

/**
 * The {@code onnx} {@link NetworkExporter}: loads a seg4j model directory with DJL and writes the
 * network with {@link OnnxExporter} (batch norm folded; dynamic batch, height and width), so that
 * {@code --engine onnxruntime} runs it through {@link OnnxRuntimeProvider}. {@code seg4j export
 * --onnx} goes through {@link #export(Path, ModelDirectory.LoadedModel)} too, so both refuse the
 * same models with the same reasons.
 */
public final class OnnxNetworkExporter implements NetworkExporter {

    @Override
    public String runtime() {
        return OnnxRuntimeProvider.NAME;
    }

    /** seg4j's version and commit: a new build re-exports rather than trust an older exporter's file. */
    @Override
    public String version() {
        return BuildInfo.version() + "+" + BuildInfo.gitCommit();
    }

    @Override
    public byte[] export(Path modelDir, ModelManifest manifest) {
        try (ModelDirectory.LoadedModel loaded = ModelDirectory.load(modelDir)) {
            return export(modelDir, loaded);
        }
    }

    /**
     * The ONNX bytes of a loaded model directory.
     *
     * @throws Seg4jException naming {@code modelDir} for a model that is not a {@link
     *     SegmentationModel}, a temporal model, or a block without an ONNX export
     */
    public static byte[] export(Path modelDir, ModelDirectory.LoadedModel loaded) {
        if (!(loaded.block() instanceof SegmentationModel network)) {
            throw new Seg4jException(modelDir + ": only seg4j segmentation models (encoder, decoder, head) can be "
                    + "exported to ONNX");
        }
        if (network.isTemporal()) {
            throw new Seg4jException(modelDir + ": a temporal model (ConvGRU memory) cannot be exported to ONNX yet: "
                    + "its graph would need the hidden state as a second input and output; export the per-frame model "
                    + "it was trained from (--init), or use the model directory itself");
        }
        return OnnxExporter.export(network, loaded.manifest().model().architecture(), loaded.manager());
    }
}
