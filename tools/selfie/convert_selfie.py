#!/usr/bin/env python3
"""Converts MediaPipe's selfie segmentation model (.tflite) into weights seg4j imports, and writes
reference outputs of the TFLite interpreter that seg4j's parity test compares against.

Source: the npm package @mediapipe/selfie_segmentation (Apache-2.0), e.g.
    cd /tmp && npm pack @mediapipe/selfie_segmentation && tar xzf mediapipe-selfie_segmentation-*.tgz
which holds selfie_segmentation.tflite (general, 256x256) and selfie_segmentation_landscape.tflite
(144x256). Needs TensorFlow (tflite interpreter and flatbuffer schema), numpy, safetensors, Pillow;
all install offline on the development machine (see tools/selfie/README.md).

    python tools/selfie/convert_selfie.py --tflite /tmp/package/selfie_segmentation.tflite \
        --out /tmp/selfie --fixtures seg4j-core/src/test/resources/selfie --photo astronaut.png

What it does:
  1. lists every operator of the graph (--list) and checks the sequence against the architecture
     that seg4j rebuilds (org.seg4j.model.decoder.selfie): MobileNetV3-like inverted residual
     blocks with hard-swish and squeeze-excitation, an attention-gated decoder with bilinear x2
     upsampling, a transposed 2x2 convolution with bias (MediaPipe's custom op
     Convolution2DTransposeBias) and a sigmoid;
  2. reads every weight: float16 constants are dequantised exactly as the graph's DEQUANTIZE ops do
     (float16 -> float32), TFLite's OHWI / 1HWC layouts become PyTorch's OIHW / C1HW, and
     the 2x2 stride-2 transposed convolution becomes a 1x1 convolution to 4 channels followed by a
     pixel shuffle (seg4j's form of it: DJL's PyTorch engine has no transposed convolution);
  3. writes <out>/selfie.safetensors with seg4j's names (encoder.blocks.3.se.reduce.weight, ...), which
     `seg4j import --weights ... --model mediapipe-selfie` maps onto the network;
  4. computes the person probability of the TFLite interpreter on the fixture images. Stock TFLite has
     no Convolution2DTransposeBias kernel, so the graph given to the interpreter has that one custom
     op replaced by the builtin TRANSPOSE_CONV with the same weights, bias, stride 2 and SAME padding
     (for a 2x2 kernel at stride 2 both compute out[2y+i, 2x+j] = sum_c in[y, x, c] * w[i, j, c] + b);
     every other op runs as published.

TFLite's own kernels disagree on some inputs: the default (XNNPACK) and the reference kernels differ
by up to 1.1e-3 in probability on the drawn figure (along its hard edges), by 1e-5 to 1e-4 on the
photos; selfie_fixtures.json records it per image. The references are the default kernels' outputs.

Fixtures (small, committed): <name>.png (256x256 RGB input) and <name>_person.png (16-bit gray, the
interpreter's probability x 65535, so quantisation adds at most 7.7e-6), plus selfie_fixtures.json.
"""
import argparse
import json
import os
import sys

import numpy as np

try:
    from tensorflow.lite.python import schema_py_generated as schema
    import tensorflow as tf
except ImportError:  # pragma: no cover
    sys.exit("TensorFlow is needed: see tools/selfie/README.md")

# The encoder's inverted residual blocks: expansion channels, output channels, depthwise kernel,
# stride, squeeze-excitation channels (0 = none), activation. Block 0 expands 16 -> 16.
BLOCKS = [
    (16, 16, 3, 2, 8, "relu"),
    (72, 24, 3, 2, 0, "relu"),
    (88, 24, 3, 1, 0, "relu"),
    (96, 32, 5, 2, 24, "hswish"),
    (128, 32, 5, 1, 32, "hswish"),
    (128, 32, 5, 1, 32, "hswish"),
    (96, 32, 5, 1, 24, "hswish"),
    (96, 32, 5, 1, 24, "hswish"),
]
# Decoder stages (from the deepest): output channels; skips are the encoder features at strides 8, 4, 2.
DECODER = [24, 16, 16]


def weight_names():
    """seg4j's names of the weighted operators, in graph order."""
    names = ["encoder.stem"]
    for i, (_, _, _, _, se, _) in enumerate(BLOCKS):
        p = f"encoder.blocks.{i}"
        names += [p + ".expand", p + ".depthwise"]
        if se:
            names += [p + ".se.reduce", p + ".se.expand"]
        names.append(p + ".project")
    names += ["decoder.context_conv", "decoder.context_gate"]
    for j in range(len(DECODER)):
        p = f"decoder.stages.{j}"
        names += [p + ".project", p + ".attention.reduce", p + ".attention.expand", p + ".refine", p + ".depthwise"]
    names.append("decoder.upsample")
    return names


OPNAMES = {v: k for k, v in vars(schema.BuiltinOperator).items() if not k.startswith("_")}


def op_name(model, op):
    code = model.operatorCodes[op.opcodeIndex]
    c = max(code.builtinCode, code.deprecatedBuiltinCode)
    if c == schema.BuiltinOperator.CUSTOM:
        return "CUSTOM:" + code.customCode.decode()
    return OPNAMES.get(c, str(c))


def load(path):
    buf = open(path, "rb").read()
    return schema.ModelT.InitFromObj(schema.Model.GetRootAsModel(buf, 0))


def constant(model, graph, index, producers):
    """The float32 value of a weight tensor, following one DEQUANTIZE from float16 if present."""
    if index in producers:
        op = producers[index]
        if op_name(model, op) != "DEQUANTIZE":
            raise SystemExit(f"tensor {index} is computed by {op_name(model, op)}, not a constant")
        index = op.inputs[0]
    t = graph.tensors[index]
    data = model.buffers[t.buffer].data
    if data is None:
        raise SystemExit(f"tensor {index} ({t.name!r}) has no data")
    dtype = {schema.TensorType.FLOAT32: np.float32, schema.TensorType.FLOAT16: np.float16}.get(t.type)
    if dtype is None:
        raise SystemExit(f"tensor {index} has type {t.type}: only float32 and float16 weights are handled")
    return np.frombuffer(bytes(bytearray(data)), dtype=dtype).reshape(list(t.shape)).astype(np.float32)


def extract(model, listing=False):
    graph = model.subgraphs[0]
    producers = {o: op for op in graph.operators for o in op.outputs}
    weighted = []
    for k, op in enumerate(graph.operators):
        name = op_name(model, op)
        if listing and name != "DEQUANTIZE":
            shapes = [list(graph.tensors[i].shape) for i in op.inputs if i >= 0]
            print(f"{k:4d} {name:34s} {shapes} -> {[list(graph.tensors[i].shape) for i in op.outputs]}")
        if name in ("CONV_2D", "DEPTHWISE_CONV_2D", "CUSTOM:Convolution2DTransposeBias"):
            weighted.append((name, op))
    names = weight_names()
    if len(weighted) != len(names):
        raise SystemExit(f"the graph has {len(weighted)} convolutions, seg4j's architecture {len(names)}: "
                         "not the model this converter knows")
    out = {}
    for seg4j_name, (kind, op) in zip(names, weighted):
        w = constant(model, graph, op.inputs[1], producers)
        b = constant(model, graph, op.inputs[2], producers)
        if kind == "CONV_2D":            # OHWI -> OIHW
            w = w.transpose(0, 3, 1, 2)
        elif kind == "DEPTHWISE_CONV_2D":  # 1HWC -> C1HW
            w = w.transpose(3, 0, 1, 2)
        else:
            # The 2x2 stride-2 transposed convolution in seg4j's sub-pixel form: a 1x1 convolution to
            # out * 2 * 2 channels (channel o*4 + i*2 + j computes output pixel (2y+i, 2x+j) of channel o)
            # and a pixel shuffle. OHWI [o, i, j, c] -> [(o, i, j), c, 1, 1]; the bias repeats per (i, j).
            o, kh, kw, c = w.shape
            w = w.reshape(o * kh * kw, c, 1, 1)
            b = np.repeat(b, kh * kw)
        if (kind == "DEPTHWISE_CONV_2D") != seg4j_name.endswith("depthwise"):
            raise SystemExit(f"{seg4j_name}: expected {'a depthwise' if 'depthwise' in seg4j_name else 'a plain'} "
                             f"convolution, found {kind}")
        out[seg4j_name + ".weight"] = np.ascontiguousarray(w)
        out[seg4j_name + ".bias"] = np.ascontiguousarray(b)
    check_shapes(out)
    return out


def check_shapes(w):
    """The architecture's channel counts against the file's."""
    cin = 16
    assert w["encoder.stem.weight"].shape == (16, 3, 3, 3)
    for i, (exp, cout, k, _, se, _) in enumerate(BLOCKS):
        p = f"encoder.blocks.{i}"
        assert w[p + ".expand.weight"].shape == (exp, cin, 1, 1), p
        assert w[p + ".depthwise.weight"].shape == (exp, 1, k, k), p
        if se:
            assert w[p + ".se.reduce.weight"].shape == (se, exp, 1, 1), p
        assert w[p + ".project.weight"].shape == (cout, exp, 1, 1), p
        cin = cout
    assert w["decoder.context_conv.weight"].shape == (128, 32, 1, 1)
    cin = 128
    for j, cout in enumerate(DECODER):
        assert w[f"decoder.stages.{j}.project.weight"].shape == (cout, cin, 1, 1)
        cin = cout
    assert w["decoder.upsample.weight"].shape == (4, 16, 1, 1)


def interpreter(model, reference_kernels=False):
    """A TFLite interpreter for the graph with Convolution2DTransposeBias as builtin TRANSPOSE_CONV;
    TFLite's default kernels (XNNPACK, what MediaPipe runs on a CPU) or its reference kernels."""
    graph = model.subgraphs[0]
    code = schema.OperatorCodeT()
    code.builtinCode = schema.BuiltinOperator.TRANSPOSE_CONV
    code.deprecatedBuiltinCode = schema.BuiltinOperator.TRANSPOSE_CONV
    code.version = 3
    model.operatorCodes.append(code)
    tc_index = len(model.operatorCodes) - 1
    for op in graph.operators:
        if op_name(model, op) != "CUSTOM:Convolution2DTransposeBias":
            continue
        opts = np.frombuffer(bytes(bytearray(op.customOptions)), dtype=np.int32)  # padding, stride w, stride h
        out_shape = list(graph.tensors[op.outputs[0]].shape)
        buf = schema.BufferT()
        buf.data = np.array(out_shape, dtype=np.int32).tobytes()
        model.buffers.append(buf)
        t = schema.TensorT()
        t.shape = [4]
        t.type = schema.TensorType.INT32
        t.buffer = len(model.buffers) - 1
        t.name = b"transpose_output_shape"
        graph.tensors.append(t)
        x, w, b = op.inputs
        op.inputs = [len(graph.tensors) - 1, w, x, b]
        op.opcodeIndex = tc_index
        o = schema.TransposeConvOptionsT()
        o.padding = schema.Padding.SAME
        o.strideW, o.strideH = int(opts[1]), int(opts[2])
        op.builtinOptionsType = schema.BuiltinOptions.TransposeConvOptions
        op.builtinOptions = o
        op.customOptions = None
    import flatbuffers
    b = flatbuffers.Builder(1 << 20)
    b.Finish(model.Pack(b), file_identifier=b"TFL3")
    resolver = tf.lite.experimental.OpResolverType
    interp = tf.lite.Interpreter(model_content=bytes(b.Output()), experimental_op_resolver_type=(
        resolver.BUILTIN_REF if reference_kernels else resolver.AUTO))
    interp.allocate_tensors()
    return interp


def run(interp, rgb):
    inp = interp.get_input_details()[0]
    interp.set_tensor(inp["index"], (rgb.astype(np.float32) / 255.0)[None])
    interp.invoke()
    return interp.get_tensor(interp.get_output_details()[0]["index"])[0, :, :, 0]


def fixture_images(size, photo):
    """name -> uint8 [H, W, 3]: a photo and a closer crop of it (if given), and a drawn figure."""
    from PIL import Image, ImageDraw
    h, w = size
    images = {}
    if photo:
        images["photo"] = np.asarray(Image.open(photo).convert("RGB").resize((w, h), Image.BILINEAR))
    img = Image.new("RGB", (w, h), (90, 140, 200))
    d = ImageDraw.Draw(img)
    d.rectangle([0, int(h * 0.8), w, h], fill=(60, 110, 60))
    d.ellipse([w * 0.38, h * 0.12, w * 0.62, h * 0.42], fill=(225, 180, 150))     # head
    d.rounded_rectangle([w * 0.25, h * 0.42, w * 0.75, h * 1.05], 30, fill=(180, 40, 40))  # torso
    images["figure"] = np.asarray(img)
    if photo:
        src = Image.open(photo).convert("RGB")
        sw, sh = src.size
        box = (int(sw * 0.15), int(sh * 0.02), int(sw * 0.75), int(sh * 0.62))   # a closer, off-centre crop
        images["closeup"] = np.asarray(src.crop(box).resize((w, h), Image.BILINEAR))
    return images


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--tflite", required=True)
    ap.add_argument("--out", help="folder for selfie.safetensors")
    ap.add_argument("--fixtures", help="folder for the parity fixtures")
    ap.add_argument("--photo", help="a photo to include in the fixtures (resized to the model's input)")
    ap.add_argument("--list", action="store_true", help="print the operators")
    args = ap.parse_args()

    model = load(args.tflite)
    graph = model.subgraphs[0]
    print("model:", (model.description or b"").decode(), "| input", list(graph.tensors[graph.inputs[0]].shape))
    weights = extract(model, args.list)
    params = sum(v.size for v in weights.values())
    print(f"{len(weights)} arrays, {params} parameters")
    if args.out:
        from safetensors.numpy import save_file
        os.makedirs(args.out, exist_ok=True)
        save_file(weights, os.path.join(args.out, "selfie.safetensors"),
                  metadata={"source": os.path.basename(args.tflite), "converter": "tools/selfie/convert_selfie.py"})
        print("wrote", os.path.join(args.out, "selfie.safetensors"))
    if args.fixtures:
        from PIL import Image
        os.makedirs(args.fixtures, exist_ok=True)
        size = tuple(int(s) for s in graph.tensors[graph.inputs[0]].shape[1:3])
        interp = interpreter(load(args.tflite))
        ref = interpreter(load(args.tflite), reference_kernels=True)
        meta = {"tflite": os.path.basename(args.tflite), "tensorflow": tf.__version__, "height": size[0],
                "width": size[1], "kernels": "TFLite default (XNNPACK)",
                "input": "RGB / 255 (0-1), NHWC", "output": "person probability x 65535, 16-bit",
                "images": {}}
        for name, rgb in fixture_images(size, args.photo).items():
            prob = run(interp, rgb)
            Image.fromarray(rgb).save(os.path.join(args.fixtures, name + ".png"))
            q = np.round(np.clip(prob, 0, 1) * 65535).astype(np.uint16)
            Image.fromarray(q).save(os.path.join(args.fixtures, name + "_person.png"))
            spread = float(np.abs(prob - run(ref, rgb)).max())
            meta["images"][name] = {"mean_probability": float(prob.mean()), "person_share": float((prob > 0.5).mean()),
                                    "max_diff_default_vs_reference_kernels": spread}
            print(f"{name}: mean person probability {prob.mean():.4f}, share above 0.5 {(prob > 0.5).mean():.3f}, "
                  f"TFLite default vs reference kernels: max diff {spread:.2e}")
        with open(os.path.join(args.fixtures, "selfie_fixtures.json"), "w") as f:
            json.dump(meta, f, indent=2)


if __name__ == "__main__":
    main()
