package org.seg4j.infer.runtime;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.seg4j.Seg4jException;
import org.seg4j.infer.NetworkForward;

/**
 * TorchScript files ({@code torch.jit.trace} or {@code torch.jit.script} output), loaded by DJL's
 * PyTorch engine as a symbol block and run by the same {@link NetworkForward} as seg4j's own
 * networks. The module must return one tensor (not a dict).
 */
public final class TorchScriptRuntime implements ModelRuntime {

    /** Runtime name in manifests. */
    public static final String NAME = "torchscript";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String extension() {
        return ".pt";
    }

    @Override
    public ExternalForward open(Path file, int numClasses) {
        if (!Files.isRegularFile(file)) {
            throw new Seg4jException(file + ": TorchScript file not found");
        }
        Model model = Model.newInstance("torchscript", Device.cpu(), "PyTorch");
        try {
            model.load(file.toAbsolutePath());
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new Seg4jException(file + ": cannot load TorchScript model: " + e.getMessage(), e);
        }
        NetworkForward pass = new NetworkForward(model.getBlock(), numClasses, model.getNDManager());
        return new ExternalForward() {
            @Override
            public int numClasses() {
                return numClasses;
            }

            @Override
            public float[] run(float[] input, int n, int h, int w, boolean probabilities) {
                return pass.run(input, n, h, w, probabilities);
            }

            @Override
            public String signature() {
                return "TorchScript module " + file.getFileName() + " (shapes are checked by the dry run)";
            }

            @Override
            public void close() {
                pass.close();
                model.close();
            }
        };
    }
}
