package org.seg4j.onnx.export;

import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import org.seg4j.Seg4jException;
import org.seg4j.model.SegmentationModel;
import org.seg4j.model.layer.Spatial.PadMode;
import org.seg4j.onnx.export.OnnxGraph.Attr;
import org.seg4j.util.GradientsOff;

/**
 * Writes a seg4j {@link SegmentationModel} as an ONNX model: input {@code input [N, 3, H, W]}
 * (normalised like the manifest says), output {@code logits [N, classes, H, W]}, with dynamic
 * batch, height and width. Batch norm after a convolution is folded into it; the input is padded
 * to a multiple of the encoder's output stride and the logits are cropped back, as in seg4j.
 *
 * <p>The model is written block by block: each block class has its export in a registry ({@link
 * BlockExports}: layers, encoders, decoders, head), so an architecture exports when all of its
 * blocks do. That covers {@code unet}, {@code deeplabv3}, {@code deeplabv3plus}, {@code
 * fcn8s/16s/32s}, {@code pspnet}, {@code fastscnn}, {@code segnet}, {@code parsenet}, {@code
 * fastfcn} and {@code segmenter} with each of their encoders; a block without an export (a custom
 * decoder, say) fails with a message naming the block, where it sits and the architecture. seg4j pads with zeros where reflection is impossible (a pad not smaller than the
 * image); ONNX Runtime rejects such tiny inputs instead.
 */
public final class OnnxExporter {

    private final OnnxGraph graph = new OnnxGraph();
    private final OnnxEmitter out;

    private OnnxExporter(NDManager manager, String architecture) {
        this.out = new OnnxEmitter(graph, BlockExports.defaults(), manager, architecture);
    }

    /** The ONNX bytes of an initialised {@code model}; {@code manager} holds scratch arrays while exporting. */
    public static byte[] export(SegmentationModel model, NDManager manager) {
        return export(model, model.toString(), manager);
    }

    /**
     * The ONNX bytes of an initialised {@code model} of the named architecture (used in error
     * messages); {@code manager} holds scratch arrays while exporting.
     */
    public static byte[] export(SegmentationModel model, String architecture, NDManager manager) {
        if (model.padMode() == PadMode.NONE) {
            throw new Seg4jException(architecture + ": a model with pad none (torchvision's geometry: logits resized to "
                    + "the input) has no ONNX export yet; use the seg4j model directory");
        }
        try (NDManager scratch = manager.newSubManager(); GradientsOff off = GradientsOff.begin()) {
            return new OnnxExporter(scratch, architecture).model(model);
        }
    }

    private byte[] model(SegmentationModel model) {
        String input = "input";
        String hw = out.dims(input, 2, 4);
        String stride = graph.longs("stride", model.encoder().outputStride());
        String extra = out.node("Mod", List.of(out.node("Sub", List.of(stride, out.node("Mod", List.of(hw, stride)))),
                stride));
        String pads = out.concat(List.of(graph.longs("c", 0, 0, 0, 0, 0, 0), extra), 0);
        String mode = model.padMode() == PadMode.REFLECT ? "reflect" : "constant";
        String padded = out.node("Pad", List.of(input, pads), Attr.of("mode", mode));

        List<String> features = out.emit(model.encoder(), List.of(padded));
        List<String> selected = new ArrayList<>();
        for (int i : model.featureIndices()) {
            selected.add(features.get(i));
        }
        String scores = out.emit(model.head(), out.emit(model.decoder(), selected)).get(0);
        graph.nodeTo("logits", "Slice", List.of(scores, graph.longs("c", 0, 0), hw, graph.longs("c", 2, 3)));
        return graph.toModel(input, 3, "logits", model.numClasses(), "exported by seg4j from " + model);
    }
}
