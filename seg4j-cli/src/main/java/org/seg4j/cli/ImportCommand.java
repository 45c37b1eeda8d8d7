package org.seg4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.infer.runtime.ExternalModelImport;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.weights.ImportReport;
import org.seg4j.model.weights.ModelImport;
import org.seg4j.model.weights.TorchvisionModels;
import org.seg4j.transform.Normalization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seg4j import}: a PyTorch state dict (safetensors or npz) into a seg4j model directory, or
 * an ONNX / TorchScript file into a model directory run by that runtime.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import PyTorch weights (a state dict saved as safetensors or npz) into a seg4j model "
                + "directory: the encoder alone (torchvision ImageNet weights, --encoder-only) or a whole model. "
                + "Every array is shape-checked; every unused array and unfilled parameter is listed. "
                + "Or import an ONNX (--onnx) or TorchScript (--torchscript) model file: it is checked (inputs, "
                + "outputs, one dry run at --input-size) and runs in predict, eval and serve like a seg4j model.")
final class ImportCommand implements Callable<Integer> {

    @Option(names = "--weights", description = "State dict: .safetensors or .npz.")
    Path weights;

    @Option(names = "--model", description = "Architecture (see seg4j models); with --weights.")
    String model;

    @Option(names = "--from", paramLabel = "torchvision:NAME", description = "With --weights: the network of a "
            + "known whole model instead of --model and --encoder: torchvision:deeplabv3_resnet50, "
            + "torchvision:deeplabv3_resnet101, torchvision:fcn_resnet50, torchvision:fcn_resnet101, "
            + "torchvision:deeplabv3_mobilenet_v3_large (same logits as torchvision); --option adds or overrides options, --width narrows it (reduced-width twins).")
    String from;

    @Option(names = "--skip-prefix", paramLabel = "PREFIX", description = "With --weights: leave out the arrays "
            + "whose key starts with PREFIX on purpose (repeatable), e.g. aux_classifier. for torchvision's "
            + "training-only auxiliary head; they are listed as skipped.")
    List<String> skipPrefixes = new ArrayList<>();

    @Option(names = "--onnx", description = "An ONNX model file: input [N,3,H,W] normalised, output [N,classes,h,w].")
    Path onnx;

    @Option(names = "--torchscript", description = "A TorchScript file (torch.jit.trace/script) with the same "
            + "input and output as --onnx.")
    Path torchscript;

    @Option(names = "--input-size", description = "With --onnx/--torchscript: the input size HxW the model was "
            + "trained at (dry run and tile size), e.g. 360x480.")
    String inputSize;

    @Option(names = "--mean", split = ",", description = "RGB mean on the 0-1 scale the model expects "
            + "(default ImageNet's), e.g. 0.485,0.456,0.406.")
    float[] mean;

    @Option(names = "--std", split = ",", description = "RGB std on the 0-1 scale the model expects "
            + "(default ImageNet's).")
    float[] std;

    @Option(names = "--per-image-normalization", description = "The model expects each image standardised by its "
            + "own per-channel mean and standard deviation (seg4j's input_normalization per-image, TensorFlow's "
            + "per_image_standardization) instead of fixed --mean/--std.")
    boolean perImage;

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
            description = "Tile size HxW for sliding-window inference (default: ${DEFAULT-VALUE}); with --resize "
                    + "stretch the network's input size.")
    String tile;

    @Option(names = "--resize", defaultValue = "none", description = "With --weights: none (images keep their size, "
            + "large ones are tiled) or stretch (every image is resized to the --tile size, for networks made for "
            + "one input size such as mediapipe-selfie) (default: ${DEFAULT-VALUE}).")
    String resize;

    @Option(names = "--source", description = "With --weights: where the weights came from, recorded in model.json "
            + "instead of the file's path (e.g. a package name and version).")
    String source;

    @Override
    public Integer call() {
        ClassMeta meta = ClassMeta.read(classes);
        if (onnx != null || torchscript != null) {
            return importFile(meta);
        }
        if (weights == null || (model == null) == (from == null)) {
            throw new Seg4jException("import needs --weights and one of --model and --from, or --onnx / --torchscript");
        }
        ModelSpec spec = from != null ? knownSpec(meta.numClasses())
                : new ModelSpec(model, encoder, meta.numClasses(), width == null ? 0 : width, options);
        int[] hw = TrainCommand.parseSize(tile);
        ModelImport.Builder builder = ModelImport.builder();
        skipPrefixes.forEach(builder::addSkipPrefix);
        ImportReport report = builder
                .setWeights(weights)
                .setSpec(spec)
                .setClasses(meta)
                .optEncoderOnly(encoderOnly)
                .optSourcePrefix(prefix)
                .optTileSize(hw[0], hw[1])
                .optNormalization(normalization())
                .optResize(resize)
                .optSource(source)
                .build()
                .writeTo(out);
        System.out.println("seg4j: imported " + weights + " into " + out + ": " + report.describe());
        return 0;
    }

    /** The spec of {@code --from torchvision:NAME}. */
    private ModelSpec knownSpec(int numClasses) {
        if (encoder != null) {
            throw new Seg4jException("--from sets the encoder itself (e.g. fcn_resnet101 for ResNet-101); drop --encoder");
        }
        String prefix = "torchvision:";
        if (!from.startsWith(prefix)) {
            throw new Seg4jException("--from takes torchvision:NAME, one of: torchvision:"
                    + String.join(", torchvision:", TorchvisionModels.names()) + "; got '" + from + "'");
        }
        ModelSpec spec = TorchvisionModels.spec(from.substring(prefix.length()), numClasses, options);
        return width == null ? spec
                : new ModelSpec(spec.architecture(), spec.encoder(), numClasses, width, spec.options());
    }

    /** {@code --per-image-normalization}, {@code --mean}/{@code --std}, or ImageNet's. */
    private Normalization normalization() {
        if (perImage) {
            if (mean != null || std != null) {
                throw new Seg4jException("--per-image-normalization uses each image's own statistics: leave out --mean "
                        + "and --std");
            }
            return Normalization.PER_IMAGE;
        }
        if (mean == null && std == null) {
            return Normalization.IMAGENET;
        }
        if (mean == null || std == null || mean.length != 3 || std.length != 3) {
            throw new Seg4jException("--mean and --std go together, three values each (R,G,B)");
        }
        return new Normalization(mean, std);
    }

    private int importFile(ClassMeta meta) {
        if (onnx != null && torchscript != null || weights != null || from != null || !skipPrefixes.isEmpty()) {
            throw new Seg4jException("import takes one of --weights, --onnx and --torchscript (--from and --skip-prefix "
                    + "go with --weights)");
        }
        if (inputSize == null) {
            throw new Seg4jException("--onnx/--torchscript need --input-size HxW (the model's training size)");
        }
        Normalization n = normalization();
        int[] hw = TrainCommand.parseSize(inputSize);
        Path file = onnx != null ? onnx : torchscript;
        ExternalModelImport.Check check = ExternalModelImport.builder()
                .setRuntime(onnx != null ? "onnx" : "torchscript")
                .setFile(file)
                .setClasses(meta)
                .setInputSize(hw[0], hw[1])
                .optNormalization(n)
                .build()
                .writeTo(out);
        System.out.printf(java.util.Locale.ROOT, "seg4j: imported %s into %s: %s; dry run at %dx%d took %.0f ms%n",
                file, out, check.signature(), hw[0], hw[1], check.millis());
        return 0;
    }
}
