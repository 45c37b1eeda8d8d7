#!/usr/bin/env python3
"""Generates the reference fixtures of seg4j's Mask R-CNN building blocks from torchvision.

Run once, commit the output (CI needs no Python):

    python3 -m venv /tmp/mrcnn-venv
    /tmp/mrcnn-venv/bin/pip install --no-index --find-links /opt/pypi/files --find-links /opt/wheels \
        --find-links /opt/pypi-more/files /opt/wheels/torch-2.13.0+cpu-*.whl torchvision==0.28.0 numpy pillow
    /tmp/mrcnn-venv/bin/python bench/reference/make_maskrcnn_fixtures.py \
        seg4j-core/src/test/resources/reference/maskrcnn

What it writes (seeded):

* roi_align.json: a 2x3x9x11 feature map, 7 regions (inside, partly outside, fully outside, tiny,
  on the second image), and torchvision.ops.roi_align at 5x4 output, spatial scale 0.5, sampling
  ratio 2, aligned False and True; plus the gradient of sum(out * g) with respect to the features
  for a fixed random g (torch autograd through torchvision's kernel).
* nms.json: 60 random boxes, scores and 3 classes; greedy NMS and batched NMS at IoU 0.5 (see below),
  and torchvision.ops.box_iou of a few of them.
* box_coder.json: torchvision's BoxCoder (10, 10, 5, 5) encode and decode of random boxes.
* anchors.json: torchvision's AnchorGenerator for a 2-level pyramid.

The offline torchvision 0.28.0 wheel is a CUDA build whose compiled ops (_C.so) do not load beside
the CPU torch 2.13 wheel. The script therefore imports torchvision's Python modules without its
package __init__ (which registers the compiled ops) and uses what is pure PyTorch there:
torchvision.ops.roi_align falls back to torchvision's own tensor implementation `_roi_align`
(the one torchvision uses on MPS/under torch.compile and tests against its C++ kernel), BoxCoder,
AnchorGenerator and box_iou are pure Python anyway. That fallback leaves out one rule of the C++ kernel
that torchvision runs on CPU (roi_align_kernel.cpp, bilinear_interpolate: a sample point with
y < -1, y > height, x < -1 or x > width contributes 0); the script wraps the fallback's
_bilinear_interpolate to apply it, so the fixture follows the compiled kernel. torchvision's nms is compiled only: the greedy
NMS here is a plain transcription of its CPU kernel (nms_kernel.cpp: sort by score descending,
keep a box, suppress later boxes with IoU > threshold), and batched NMS offsets boxes per class
as torchvision's _batched_nms_coordinate_trick.
"""
import importlib.metadata
import importlib.util
import json
import os
import sys

import torch

_spec = importlib.util.find_spec("torchvision")
_pkg = type(sys)("torchvision")
_pkg.__path__ = list(_spec.submodule_search_locations)
sys.modules["torchvision"] = _pkg
import torchvision.ops  # noqa: E402
from torchvision.ops import boxes as box_ops  # noqa: E402
from torchvision.models.detection import _utils as det_utils
from torchvision.models.detection.anchor_utils import AnchorGenerator
from torchvision.models.detection.image_list import ImageList


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


_roi_module = sys.modules["torchvision.ops.roi_align"]
_fallback_interpolate = _roi_module._bilinear_interpolate


def _kernel_interpolate(input, roi_batch_ind, y, x, ymask, xmask):
    """The fallback's interpolation with the C++ kernel's out-of-range rule added."""
    _, _, height, width = input.size()
    val = _fallback_interpolate(input, roi_batch_ind, y, x, ymask, xmask)
    vy = ((y >= -1.0) & (y <= height))[:, None, :, None, :, None]
    vx = ((x >= -1.0) & (x <= width))[:, None, None, :, None, :]
    return val * (vy & vx).to(val.dtype)


_roi_module._bilinear_interpolate = _kernel_interpolate


def greedy_nms(boxes, scores, threshold):
    order = sorted(range(len(scores)), key=lambda i: -float(scores[i]))
    iou = box_ops.box_iou(boxes, boxes)
    removed = [False] * len(order)
    keep = []
    for a, i in enumerate(order):
        if removed[i]:
            continue
        keep.append(i)
        for j in order[a + 1:]:
            if iou[i, j] > threshold:
                removed[j] = True
    return keep


def batched_greedy_nms(boxes, scores, classes, threshold):
    offsets = classes.to(boxes) * (boxes.max() + 1)
    return greedy_nms(boxes + offsets[:, None], scores, threshold)


def main(out):
    os.makedirs(out, exist_ok=True)
    g = torch.Generator().manual_seed(17)
    feats = torch.randn(2, 3, 9, 11, generator=g, dtype=torch.float64)
    rois = torch.tensor([
        [0, 1.0, 2.0, 15.0, 12.0],
        [0, -4.0, -3.0, 6.5, 5.5],      # partly outside at the top-left
        [1, 12.3, 7.7, 25.0, 20.0],     # beyond the bottom-right edge
        [1, 30.0, 30.0, 40.0, 40.0],    # wholly outside
        [0, 5.2, 5.9, 5.6, 6.1],        # smaller than one feature pixel
        [1, 0.0, 0.0, 21.9, 17.9],      # the whole map
        [0, 3.3, 1.1, 9.8, 16.4],
    ], dtype=torch.float64)
    result = {"features": flat(feats), "featureShape": list(feats.shape), "rois": flat(rois),
              "outHeight": 5, "outWidth": 4, "spatialScale": 0.5, "samplingRatio": 2}
    weights = torch.randn(7, 3, 5, 4, generator=g, dtype=torch.float64)
    result["gradWeights"] = flat(weights)
    for aligned in (False, True):
        f = feats.clone().requires_grad_(True)
        o = torchvision.ops.roi_align(f, rois, (5, 4), spatial_scale=0.5, sampling_ratio=2, aligned=aligned)
        (o * weights).sum().backward()
        key = "aligned" if aligned else "unaligned"
        result[key] = flat(o)
        result[key + "Grad"] = flat(f.grad)
    with open(os.path.join(out, "roi_align.json"), "w") as fh:
        json.dump(result, fh)

    xy = torch.rand(60, 2, generator=g) * 50
    wh = torch.rand(60, 2, generator=g) * 20 + 2
    boxes = torch.cat([xy, xy + wh], 1)
    scores = torch.rand(60, generator=g)
    classes = torch.randint(0, 3, (60,), generator=g)
    nms = {"boxes": flat(boxes), "scores": flat(scores), "classes": [int(c) for c in classes],
           "keep": greedy_nms(boxes, scores, 0.5),
           "batchedKeep": batched_greedy_nms(boxes, scores, classes, 0.5),
           "iou": flat(box_ops.box_iou(boxes[:5], boxes[:7]))}
    with open(os.path.join(out, "nms.json"), "w") as fh:
        json.dump(nms, fh)

    coder = det_utils.BoxCoder((10.0, 10.0, 5.0, 5.0))
    gt = boxes[:10]
    proposals = boxes[10:20]
    codes = coder.encode_single(gt, proposals)
    deltas = torch.randn(10, 4, generator=g)
    deltas[0, 2] = 30.0  # clamped at log(1000/16)
    decoded = coder.decode_single(deltas, proposals)
    with open(os.path.join(out, "box_coder.json"), "w") as fh:
        json.dump({"gt": flat(gt), "proposals": flat(proposals), "encoded": flat(codes),
                   "deltas": flat(deltas), "decoded": flat(decoded)}, fh)

    gen = AnchorGenerator(sizes=((8,), (16,)), aspect_ratios=((0.5, 1.0, 2.0),) * 2)
    images = ImageList(torch.zeros(1, 3, 16, 24), [(16, 24)])
    fmaps = [torch.zeros(1, 4, 4, 6), torch.zeros(1, 4, 2, 3)]
    anchors = gen(images, fmaps)[0]
    with open(os.path.join(out, "anchors.json"), "w") as fh:
        json.dump({"imageHeight": 16, "imageWidth": 24, "sizes": [8, 16], "ratios": [0.5, 1.0, 2.0],
                   "strides": [4, 8], "anchors": flat(anchors)}, fh)
    print("torch", torch.__version__, "torchvision", importlib.metadata.version("torchvision"), "->", out)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "seg4j-core/src/test/resources/reference/maskrcnn")
