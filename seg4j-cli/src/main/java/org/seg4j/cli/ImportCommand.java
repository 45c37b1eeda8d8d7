package org.seg4j.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seg4j.data.ClassMeta;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.weights.ImportReport;
import org.seg4j.model.weights.ModelImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seg4j import}: a PyTorch state dict (safetensors or npz) into a seg4j model directory. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import PyTorch weights (a state dict saved as safetensors or npz) into a seg4j model "
                + "directory: the encoder alone (torchvision ImageNet weights, --encoder-only) or a whole model. "
                + "Every array is shape-checked; every unused array and unfilled parameter is listed.")
final class ImportCommand implements Callable<Integer> {

    @Option(names = "--weights", required = true, description = "State dict: .safetensors or .npz.")
    Path weights;

    @Option(names = "--model", required = true, description = "Architecture (see seg4j models).")
    String model;

    @Option(names = "--encoder", description = "Encoder (default: the architecture's).")
    String encoder;

    @Option(names = "--width", description = "Base channel width (default: the encoder's, e.g. 64 for ResNets).")
    Integer width;

    @Option(names = "--option", description = "Model option KEY=VALUE, e.g. --option output_stride=8.")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--classes", required = true, description = "classes.yaml of the model to write.")
    Path classes;

    @Option(names = "--out", required = true, description = "Model directory to write.")
    Path out;

    @Option(names = "--encoder-only",
            description = "Fill the encoder only; decoder and head keep their initialisation (for train --init).")
    boolean encoderOnly;

    @Option(names = "--prefix", description = "Key prefix of the arrays in the file, e.g. backbone. "
            + "(default: recognised from the file).")
    String prefix;

    @Option(names = "--tile", defaultValue = "512x512",
            description = "Tile size HxW for sliding-window inference (default: ${DEFAULT-VALUE}).")
    String tile;

    @Override
    public Integer call() {
        ClassMeta meta = ClassMeta.read(classes);
        ModelSpec spec = new ModelSpec(model, encoder, meta.numClasses(), width == null ? 0 : width, options);
        int[] hw = TrainCommand.parseSize(tile);
        ImportReport report = ModelImport.builder()
                .setWeights(weights)
                .setSpec(spec)
                .setClasses(meta)
                .optEncoderOnly(encoderOnly)
                .optSourcePrefix(prefix)
                .optTileSize(hw[0], hw[1])
                .build()
                .writeTo(out);
        System.out.println("seg4j: imported " + weights + " into " + out + ": " + report.describe());
        return 0;
    }
}
