#!/usr/bin/env python3
"""Fixtures for importing torchvision's whole segmentation models into seg4j (no Python needed in CI).

Built from torchvision's own classes (torchvision.models.segmentation), with random weights and no
download. Run in a venv with torch, torchvision and safetensors (see bench/parity/README.md):

  python bench/parity/torchvision_fixtures.py fixtures --out seg4j-core/src/test/resources/parity
      Reduced-width twins (ResNet-50 at width 4 instead of 64; ASPP 16 channels instead of 256) of
      deeplabv3_resnet50 and fcn_resnet50 with aux_loss=True, made of torchvision's modules
      (IntermediateLayerGetter, ASPP, FCNHead, DeepLabV3, FCN, resnet.Bottleneck), and
      eval-mode logits at 64x64 and 45x61. ~1.4 MB for both.

  python bench/parity/torchvision_fixtures.py full --model deeplabv3_resnet50 --out /tmp/tv-full
      The real full-size model (weights=None, weights_backbone=None, aux_loss=True): its state dict
      (~170 MB, never committed) and logits at two sizes, for TorchvisionFullModelTest.

  python bench/parity/torchvision_fixtures.py keys --out seg4j-core/src/test/resources/torchvision
      The key names and shapes of the five full-size state dicts (aux_loss=True), one text file each,
      for TorchvisionKeysTest, which checks that seg4j's mapping tables cover every key.
"""
import argparse
import json
import os
import sys
import types

import torch
import torch.nn as nn

# The torchvision wheels on this machine were built against another torch build: their C++ operators
# (nms, roi_align, ...) fail to register and `import torchvision` stops in _meta_registrations, which
# only declares fake kernels for those operators. The segmentation models use none of them, so the
# module is replaced by an empty one; torchvision's Python model code runs unchanged.
try:
    import torchvision  # noqa: F401
except RuntimeError:
    for k in [k for k in sys.modules if k.startswith("torchvision")]:
        del sys.modules[k]
    sys.modules["torchvision._meta_registrations"] = types.ModuleType("torchvision._meta_registrations")
import torchvision
from safetensors.torch import save_file
from torchvision.models import resnet
from torchvision.models._utils import IntermediateLayerGetter
from torchvision.models.segmentation import deeplabv3 as tv_deeplab
from torchvision.models.segmentation import fcn as tv_fcn

from make_fixtures import randomise

CLASSES = 3
SIZES = [(64, 64), (45, 61)]
FULL_SIZES = [(64, 64), (97, 129)]
SEED = 7
MODELS = ["deeplabv3_resnet50", "deeplabv3_resnet101", "fcn_resnet50", "fcn_resnet101", "deeplabv3_mobilenet_v3_large"]


class NarrowResNet(resnet.ResNet):
    """torchvision's ResNet with `width` stem channels instead of 64 (planes width, 2w, 4w, 8w)."""

    def __init__(self, layers, width, replace_stride_with_dilation):
        nn.Module.__init__(self)
        self._norm_layer = nn.BatchNorm2d
        self.inplanes = width
        self.dilation = 1
        self.groups = 1
        self.base_width = 64  # bottleneck inner width = planes, as in the full network
        self.conv1 = nn.Conv2d(3, width, kernel_size=7, stride=2, padding=3, bias=False)
        self.bn1 = nn.BatchNorm2d(width)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=3, stride=2, padding=1)
        self.layer1 = self._make_layer(resnet.Bottleneck, width, layers[0])
        self.layer2 = self._make_layer(resnet.Bottleneck, width * 2, layers[1], stride=2,
                                       dilate=replace_stride_with_dilation[0])
        self.layer3 = self._make_layer(resnet.Bottleneck, width * 4, layers[2], stride=2,
                                       dilate=replace_stride_with_dilation[1])
        self.layer4 = self._make_layer(resnet.Bottleneck, width * 8, layers[3], stride=2,
                                       dilate=replace_stride_with_dilation[2])


def narrow(arch, width):
    """deeplabv3_resnet50 / fcn_resnet50 as torchvision builds them, at stem width `width`."""
    backbone = NarrowResNet([3, 4, 6, 3], width, [False, True, True])
    backbone = IntermediateLayerGetter(backbone, return_layers={"layer4": "out", "layer3": "aux"})
    out_ch, aux_ch = width * 32, width * 16
    aux = tv_fcn.FCNHead(aux_ch, CLASSES)
    if arch == "deeplabv3":
        dw = max(8, 256 * width // 64)
        # DeepLabHead with ASPP width dw instead of its fixed 256; same modules, same indices
        head = nn.Sequential(tv_deeplab.ASPP(out_ch, [12, 24, 36], out_channels=dw),
                             nn.Conv2d(dw, dw, 3, padding=1, bias=False), nn.BatchNorm2d(dw), nn.ReLU(),
                             nn.Conv2d(dw, CLASSES, 1))
        return tv_deeplab.DeepLabV3(backbone, head, aux)
    return tv_fcn.FCN(backbone, tv_fcn.FCNHead(out_ch, CLASSES), aux)


def full(name, classes):
    build = getattr(torchvision.models.segmentation, name)
    return build(weights=None, weights_backbone=None, num_classes=classes, aux_loss=True)


def write_case(model, out, stem, sizes, extra):
    torch.manual_seed(SEED)
    gen = torch.Generator().manual_seed(SEED)
    randomise(model, gen)
    state = {k: v.detach().clone().contiguous() for k, v in model.state_dict().items()}
    save_file(state, os.path.join(out, stem + ".weights.safetensors"))
    io = {}
    model.eval()
    with torch.no_grad():
        for i, (h, w) in enumerate(sizes):
            x = torch.randn(1, 3, h, w, generator=gen)
            io["x%d" % i] = x
            io["logits%d" % i] = model(x)["out"].contiguous()
    save_file(io, os.path.join(out, stem + ".io.safetensors"))
    meta = {"torch": torch.__version__, "torchvision": torchvision.__version__, "sizes": sizes}
    meta.update(extra)
    with open(os.path.join(out, stem + ".json"), "w") as f:
        json.dump(meta, f, indent=1, sort_keys=True)
    print(stem, "parameters", sum(v.numel() for v in state.values()), "arrays", len(state))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("what", choices=["fixtures", "full", "keys"])
    p.add_argument("--out", required=True)
    p.add_argument("--model", default="deeplabv3_resnet50", choices=MODELS)
    p.add_argument("--classes", type=int, default=5)
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    torch.use_deterministic_algorithms(True)
    if a.what == "fixtures":
        width = 4
        specs = {
            "deeplabv3": {"architecture": "deeplabv3", "encoder": "resnet50", "num_classes": CLASSES,
                          "base_width": width,
                          "options": {"output_stride": "8", "atrous_rates": "12,24,36", "aspp_pooling": "conv_bn",
                                      "dropout": "0.5", "pad": "none"}},
            "fcn": {"architecture": "fcn", "encoder": "resnet50", "num_classes": CLASSES, "base_width": width,
                    "options": {"output_stride": "8", "pad": "none"}},
        }
        for arch, spec in specs.items():
            torch.manual_seed(SEED)
            write_case(narrow(arch, width), a.out, "torchvision_%s_resnet50_w%d" % (arch, width), SIZES,
                       {"spec": spec})
    elif a.what == "full":
        torch.manual_seed(SEED)
        write_case(full(a.model, a.classes), a.out, a.model, FULL_SIZES,
                   {"model": a.model, "classes": a.classes})
    else:
        for name in MODELS:
            state = full(name, 21).state_dict()
            with open(os.path.join(a.out, name + ".keys.txt"), "w") as f:
                f.write("# %s(weights=None, num_classes=21, aux_loss=True).state_dict(), torchvision %s:"
                        " key, shape\n" % (name, torchvision.__version__))
                for k, v in state.items():
                    f.write("%s %s\n" % (k, "x".join(str(d) for d in v.shape) or "scalar"))
            print(name, len(state), "keys")


if __name__ == "__main__":
    main()
