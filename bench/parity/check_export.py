#!/usr/bin/env python3
"""Checks a state dict written by `seg4j export --safetensors` against the PyTorch twin (not run in CI).

The file must load into the twin of the same spec with load_state_dict(strict=True); with --reference
(the twin's own state dict, e.g. from make_torchscript_fixture.py --state-dict or make_fixtures.py) every
array must also be equal. Example (see README.md):
    python bench/parity/check_export.py --weights unet.safetensors --arch unet --classes 3 --width 4 --depth 3 \\
        --reference twin.safetensors
"""
import argparse
import sys

import torch
from safetensors.torch import load_file

import twins


def build(a):
    if a.arch == "unet":
        return twins.UNet(a.classes, width=a.width, depth=a.depth)
    if a.arch == "deeplabv3plus":
        return twins.DeepLabV3Plus(a.classes, depth=a.resnet, width=a.width, decoder_width=a.decoder_width,
                                   low_width=a.low_width, dropout=0.0)
    sys.exit("no twin for architecture " + a.arch + " (unet, deeplabv3plus)")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--weights", required=True, help="the exported .safetensors")
    p.add_argument("--arch", required=True, choices=["unet", "deeplabv3plus"])
    p.add_argument("--classes", type=int, required=True)
    p.add_argument("--width", type=int, required=True, help="seg4j base_width")
    p.add_argument("--depth", type=int, default=4, help="unet depth")
    p.add_argument("--resnet", type=int, default=18, help="deeplabv3plus encoder depth (18/34/50)")
    p.add_argument("--decoder-width", type=int, default=256)
    p.add_argument("--low-width", type=int, default=48)
    p.add_argument("--reference", help="a state dict the export must equal array for array")
    a = p.parse_args()
    state = load_file(a.weights)
    model = build(a)
    print("load_state_dict(strict=True):", model.load_state_dict(state, strict=True))
    if a.reference:
        ref = load_file(a.reference)
        missing = sorted(set(ref) - set(state))
        extra = sorted(set(state) - set(ref))
        worst = max(float((state[k].float() - ref[k].float()).abs().max()) for k in state if k in ref)
        print("arrays %d, reference %d; only in the reference: %d (%s); only in the export: %d; max |difference| %g"
              % (len(state), len(ref), len(missing), ", ".join(sorted({k.rsplit(".", 1)[1] for k in missing})),
                 len(extra), worst))
        if extra or worst != 0.0 or any(not k.endswith("num_batches_tracked") for k in missing):
            sys.exit("the export differs from the reference")
    print("OK")


if __name__ == "__main__":
    main()
