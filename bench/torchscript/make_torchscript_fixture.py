#!/usr/bin/env python3
"""Writes the TorchScript fixture that seg4j's TorchScript test loads (no Python needed in CI).

Run in a venv with torch (see bench/parity/README.md):
    python bench/torchscript/make_torchscript_fixture.py --out seg4j-core/src/test/resources/torchscript

From one seeded U-Net twin (bench/parity/twins.py, width 4, depth 3, 3 classes, eval mode, batch-norm
statistics randomised so that they matter, head scaled so that logits differ by a few units and its bias
moved until every class holds about a third of the test image's class map) it writes:
  unet.pt                    torch.jit.trace of the twin at 64x64 (the seg4j import input)
  image.png                  a 64x64 RGB test image (8-bit)
  expected.safetensors       logits [1,3,64,64] of the twin on that image normalised with `mean`/`std`,
                             and the class map [64,64] (uint8)
  unet.json                  spec, normalisation, sizes and the torch version that traced the file

The trace runs at a size divisible by 8 (2^depth), where the twin does not pad; a traced module keeps
that branch, so the file is valid at any height and width divisible by 8. With --state-dict it also
writes the twin's weights as safetensors (for `seg4j import --weights`, see check_export.py).
"""
import argparse
import json
import os
import struct
import sys
import zlib

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "parity"))
import twins  # noqa: E402
from make_fixtures import randomise  # noqa: E402

CLASSES, WIDTH, DEPTH, SIZE = 3, 4, 3, 64
MEAN = [0.485, 0.456, 0.406]
STD = [0.229, 0.224, 0.225]


def write_png(path, rgb):
    """A minimal 8-bit RGB PNG (no Pillow needed): rgb is a uint8 tensor [H, W, 3]."""
    h, w, _ = rgb.shape
    raw = b"".join(b"\x00" + bytes(rgb[y].flatten().tolist()) for y in range(h))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 9)))
        f.write(chunk(b"IEND", b""))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--out", required=True)
    p.add_argument("--seed", type=int, default=11)
    p.add_argument("--state-dict", help="also write the twin's state dict here (safetensors; not a test resource)")
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    torch.manual_seed(a.seed)
    gen = torch.Generator().manual_seed(a.seed)
    model = twins.UNet(CLASSES, width=WIDTH, depth=DEPTH)
    randomise(model, gen)
    model.eval()

    rgb = torch.randint(0, 256, (SIZE, SIZE, 3), generator=gen, dtype=torch.uint8)
    write_png(os.path.join(a.out, "image.png"), rgb)
    mean = torch.tensor(MEAN).view(1, 3, 1, 1)
    std = torch.tensor(STD).view(1, 3, 1, 1)
    x = ((rgb.permute(2, 0, 1).unsqueeze(0).float() / 255.0) - mean) / std

    with torch.no_grad():
        # scale the head so that logits vary by a few units over the image (a random network's vary by
        # ~0.05, where 1e-4 would be a loose tolerance and near-ties would make the class map fragile),
        # then move its bias until every class holds about a third of the test image's pixels (a random
        # network otherwise predicts one or two classes everywhere, which would make a weak test)
        out = model(x)
        spread = (out - out.mean(dim=(2, 3), keepdim=True)).std()
        model.head.weight *= 2.0 / spread
        model.head.bias -= out.mean(dim=(0, 2, 3))
        out = model(x)
        step = (out - out.mean(dim=(2, 3), keepdim=True)).std()
        for _ in range(200):
            share = torch.bincount(out[0].argmax(0).flatten(), minlength=CLASSES).float() / out[0, 0].numel()
            if float((share - 1.0 / CLASSES).abs().max()) < 0.05:
                break  # not closer: an exact balance puts a pixel on a class boundary (a near-tie)
            model.head.bias += (1.0 / CLASSES - share) * step
            step *= 0.97
            out = model(x)
        traced = torch.jit.trace(model, torch.randn(1, 3, SIZE, SIZE, generator=gen))
        logits = model(x)
        traced_logits = traced(x)
    diff = float((logits - traced_logits).abs().max())
    assert diff < 1e-5, "the traced module differs from the twin by %g" % diff
    traced.save(os.path.join(a.out, "unet.pt"))

    from safetensors.torch import save_file
    if a.state_dict:
        save_file({k: v.detach().clone().contiguous() for k, v in model.state_dict().items()}, a.state_dict)
    save_file({"logits": logits.contiguous(), "classes": logits[0].argmax(0).to(torch.uint8).contiguous()},
              os.path.join(a.out, "expected.safetensors"))
    spec = {"architecture": "unet", "encoder": "unet", "num_classes": CLASSES, "base_width": WIDTH,
            "options": {"depth": str(DEPTH)}}
    with open(os.path.join(a.out, "unet.json"), "w") as f:
        json.dump({"spec": spec, "mean": MEAN, "std": STD, "size": SIZE, "torch": torch.__version__,
                   "seed": a.seed}, f, indent=1, sort_keys=True)
    top2 = logits[0].topk(2, dim=0).values
    print("smallest top-2 logit margin", float((top2[0] - top2[1]).min()), "largest |logit|", float(logits.abs().max()))
    print("class pixels", torch.bincount(logits[0].argmax(0).flatten(), minlength=CLASSES).tolist())
    print("torch", torch.__version__, "parameters", sum(v.numel() for v in model.state_dict().values()),
          "unet.pt", os.path.getsize(os.path.join(a.out, "unet.pt")), "bytes; traced vs eager max diff", diff)


if __name__ == "__main__":
    main()
