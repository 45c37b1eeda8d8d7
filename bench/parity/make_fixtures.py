#!/usr/bin/env python3
"""Writes the PyTorch parity fixtures that seg4j's tests compare against (no Python needed in CI).

Run in a venv with torch 2.x and safetensors (see bench/parity/README.md):
    python bench/parity/make_fixtures.py --out seg4j-core/src/test/resources/parity

For each case it writes, from one seeded small-width twin (twins.py):
  <case>.weights.safetensors  the state dict (BN statistics randomised so that they matter)
  <case>.io.safetensors       eval-mode inputs and logits at two sizes (one odd; one image each),
                              and one training batch (x, y with ignored pixels; two images)
  <case>.json                 the seg4j model spec, the training loss and the per-parameter
                              gradient norms of that batch (CrossEntropyLoss(ignore_index=255))
"""
import argparse
import json
import os

import torch
import torch.nn as nn
from safetensors.torch import save_file

import twins

CLASSES = 3
LRASPP_CLASSES = 5
SIZES = [(64, 64), (45, 61)]


def cases():
    return {
        "unet": (lambda: twins.UNet(CLASSES, width=4, depth=4),
                 {"architecture": "unet", "encoder": "unet", "num_classes": CLASSES, "base_width": 4,
                  "options": {}}),
        "deeplabv3plus_resnet18": (
            lambda: twins.DeepLabV3Plus(CLASSES, depth=18, width=8, decoder_width=16, low_width=8, dropout=0.0),
            {"architecture": "deeplabv3plus", "encoder": "resnet18", "num_classes": CLASSES, "base_width": 8,
             "options": {"decoder_width": "16", "low_level_width": "8", "dropout": "0"}}),
        "fcn8s_vgg16": (lambda: twins.Fcn(CLASSES, variant=8, width=4, fc_width=16),
                        {"architecture": "fcn8s", "encoder": "vgg16", "num_classes": CLASSES, "base_width": 4,
                         "options": {"fc_width": "16"}}),
        "fcn16s_vgg16": (lambda: twins.Fcn(CLASSES, variant=16, width=4, fc_width=16),
                         {"architecture": "fcn16s", "encoder": "vgg16", "num_classes": CLASSES, "base_width": 4,
                          "options": {"fc_width": "16"}}),
        "deeplabv3_resnet18": (
            lambda: twins.DeepLabV3(CLASSES, depth=18, width=4, decoder_width=16, rates=(12, 24, 36), dropout=0.0,
                                    output_stride=8),
            {"architecture": "deeplabv3", "encoder": "resnet18", "num_classes": CLASSES, "base_width": 4,
             "options": {"output_stride": "8", "decoder_width": "16", "dropout": "0"}}),
        "deeplabv3_mobilenetv2": (
            lambda: twins.DeepLabV3(CLASSES, decoder_width=16, rates=(6, 12, 18), dropout=0.0, output_stride=16,
                                    backbone=twins.MobileNetV2(width=4, output_stride=16)),
            {"architecture": "deeplabv3", "encoder": "mobilenetv2", "num_classes": CLASSES, "base_width": 4,
             "options": {"output_stride": "16", "decoder_width": "16", "dropout": "0"}}),
        "pspnet_resnet18": (
            lambda: twins.PSPNet(CLASSES, depth=18, width=4, decoder_width=16, dropout=0.0, output_stride=16),
            {"architecture": "pspnet", "encoder": "resnet18", "num_classes": CLASSES, "base_width": 4,
             "options": {"decoder_width": "16", "dropout": "0"}}),
        "segnet_vgg16": (lambda: twins.SegNet(CLASSES, width=4),
                         {"architecture": "segnet", "encoder": "vgg16", "num_classes": CLASSES, "base_width": 4,
                          "options": {}}),
        "fastscnn": (lambda: twins.FastScnn(CLASSES, width=8, blocks=2, expansion=2),
                     {"architecture": "fastscnn", "encoder": "fastscnn", "num_classes": CLASSES, "base_width": 8,
                      "options": {"blocks": "2", "expansion": "2"}}),
        "parsenet_resnet18": (lambda: twins.ParseNet(CLASSES, depth=18, width=4, output_stride=16),
                              {"architecture": "parsenet", "encoder": "resnet18", "num_classes": CLASSES,
                               "base_width": 4, "options": {"output_stride": "16"}}),
        "fastfcn_resnet18": (lambda: twins.FastFcn(CLASSES, depth=18, width=4, decoder_width=16, dropout=0.0),
                             {"architecture": "fastfcn", "encoder": "resnet18", "num_classes": CLASSES,
                              "base_width": 4, "options": {"decoder_width": "16", "dropout": "0"}}),
        "fcn32s_vgg16": (lambda: twins.Fcn(CLASSES, variant=32, width=4, fc_width=16),
                         {"architecture": "fcn32s", "encoder": "vgg16", "num_classes": CLASSES, "base_width": 4,
                          "options": {"fc_width": "16"}}),
        "fastfcn_aspp_resnet18": (
            lambda: twins.FastFcn(CLASSES, depth=18, width=4, decoder_width=16, dropout=0.0, head="aspp"),
            {"architecture": "fastfcn", "encoder": "resnet18", "num_classes": CLASSES, "base_width": 4,
             "options": {"decoder_width": "16", "dropout": "0", "head": "aspp"}}),
        # patch 8: 64x64 gives an 8x8 patch grid, 45x61 (padded to 48x64) a 6x8 one; the stored 7x9
        # positional grid is resized in both directions (rows up, columns down) at 64x64
        "segmenter_vit": (
            lambda: twins.Segmenter(CLASSES, width=32, patch=8, depth=2, heads=2, mlp_ratio=2, grid=(7, 9),
                                    dec_width=24, dec_depth=2, dec_heads=2),
            {"architecture": "segmenter", "encoder": "vit-tiny", "num_classes": CLASSES, "base_width": 32,
             "options": {"patch_size": "8", "depth": "2", "heads": "2", "mlp_ratio": "2", "pos_grid": "7x9",
                         "dec_width": "24", "dec_depth": "2", "dec_heads": "2"}}),
        # torchvision's own model (not a twin) at width_mult 0.25 (seg4j width 16 x 0.25), five classes
        "lraspp_mobilenetv3_large": (
            lambda: twins.Padded(twins.torchvision_lraspp(LRASPP_CLASSES, width_mult=0.25), 16),
            {"architecture": "lraspp", "encoder": "mobilenetv3_large", "num_classes": LRASPP_CLASSES, "base_width": 4,
             "options": {}}),
        # torchvision's own deeplabv3_mobilenet_v3_large (not a twin) at width_mult 0.25, ASPP 16 channels,
        # dropout 0; unpadded, as torchvision runs it (spec option pad none, TorchvisionModels' spec)
        "deeplabv3_mobilenetv3_large": (
            lambda: twins.Padded(twins.torchvision_deeplabv3_mobilenetv3(LRASPP_CLASSES, width_mult=0.25,
                                                                         aspp_width=16, dropout=0.0), 1),
            {"architecture": "deeplabv3", "encoder": "mobilenetv3_large", "num_classes": LRASPP_CLASSES,
             "base_width": 4,
             "options": {"output_stride": "16", "atrous_rates": "12,24,36", "aspp_pooling": "conv_bn",
                         "dropout": "0", "pad": "none", "decoder_width": "16"}}),
    }


def randomise(model, gen):
    """Non-trivial BN affine parameters and running statistics, layer-norm affine parameters and
    L2-normalisation scales, so that a misplaced or swapped one shows."""
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.LayerNorm):
                m.weight.uniform_(0.5, 1.5, generator=gen)
                m.bias.uniform_(-0.2, 0.2, generator=gen)
            elif isinstance(m, twins.L2Norm):
                m.scale.uniform_(5, 15, generator=gen)
            elif isinstance(m, nn.BatchNorm2d):
                m.weight.uniform_(0.5, 1.5, generator=gen)
                m.bias.uniform_(-0.2, 0.2, generator=gen)
                m.running_mean.uniform_(-0.2, 0.2, generator=gen)
                m.running_var.uniform_(0.5, 1.5, generator=gen)


def randomise_biases(model, gen):
    """Non-zero convolution biases (torchvision initialises MobileNetV3's to zero), so a swapped bias shows."""
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.Conv2d) and m.bias is not None:
                m.bias.uniform_(-0.2, 0.2, generator=gen)


def write_torchvision_shapes(path):
    """Every state-dict key and shape of torchvision's lraspp_mobilenet_v3_large (21 classes, as the
    published COCO-VOC weights) and mobilenet_v3_large (ImageNet) at full width: what seg4j's mapping
    tables must match, without committing the 13 MB and 22 MB of weights."""
    tv = twins.torchvision()
    models = {"lraspp_mobilenet_v3_large": tv.models.segmentation.lraspp_mobilenet_v3_large(
                  weights=None, weights_backbone=None, num_classes=21),
              "mobilenet_v3_large": tv.models.mobilenet_v3_large(weights=None)}
    shapes = {name: {k: list(v.shape) for k, v in m.state_dict().items()} for name, m in models.items()}
    with open(path, "w") as f:
        json.dump({"torchvision": tv.__version__, "models": shapes}, f, indent=0)
    print("torchvision shapes", {name: len(s) for name, s in shapes.items()})

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--only", nargs="*", help="cases to write (default: all)")
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    # warn_only: max_unpool2d has no "deterministic" flag, though its indices (2x2 windows) never collide
    torch.use_deterministic_algorithms(True, warn_only=True)
    for name, (build, spec) in cases().items():
        if a.only and name not in a.only:
            continue
        torch.manual_seed(a.seed)
        gen = torch.Generator().manual_seed(a.seed)
        model = build()
        # a wrapped torchvision model: its own names, not the wrapper's
        named = model.net if isinstance(model, twins.Padded) else model
        randomise(model, gen)
        if named is not model:
            randomise_biases(named, gen)
        state = {k: v.detach().clone().contiguous() for k, v in named.state_dict().items()}
        save_file(state, os.path.join(a.out, name + ".weights.safetensors"))

        io = {}
        model.eval()
        with torch.no_grad():
            for i, (h, w) in enumerate(SIZES):
                x = torch.randn(1, 3, h, w, generator=gen)
                io["x%d" % i] = x
                io["logits%d" % i] = model(x).contiguous()
        model.train()
        x = torch.randn(2, 3, 64, 64, generator=gen)
        y = torch.randint(0, spec["num_classes"], (2, 64, 64), generator=gen)
        y[:, :8, :] = 255
        loss = nn.CrossEntropyLoss(ignore_index=255)(model(x), y)
        loss.backward()
        io["train_x"] = x
        io["train_y"] = y.to(torch.uint8)
        save_file(io, os.path.join(a.out, name + ".io.safetensors"))
        grads = {k: float(v.grad.norm()) for k, v in named.named_parameters()}
        with open(os.path.join(a.out, name + ".json"), "w") as f:
            json.dump({"spec": spec, "torch": torch.__version__, "sizes": SIZES, "loss": loss.item(),
                       "grad_norms": grads}, f, indent=1, sort_keys=True)
        print(name, "parameters", sum(v.numel() for v in state.values()), "loss", loss.item())
    if not a.only or "torchvision_shapes" in a.only:
        write_torchvision_shapes(os.path.join(a.out, "torchvision_shapes.json"))


if __name__ == "__main__":
    main()
