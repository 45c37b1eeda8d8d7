#!/usr/bin/env python3
"""Trains a PyTorch twin for N steps on generated data and writes what seg4j needs to repeat the run.

The check behind issue 16's SegNet question: from the same initial weights, on the same batches and
with the same optimizer (Adam, PyTorch's arithmetic), does seg4j's network learn as PyTorch's does?
The data is generated (no CamVid): coloured rectangles, ellipses and stripes on a textured
background, 4 classes, colours overlapping so that shape and context matter.

    python bench/parity/learning_curve.py --arch segnet --width 8 --out /tmp/lc
    java ... org.seg4j.train.LearningCurveComparison /tmp/lc      (see bench/parity/README.md)

Writes to --out: weights.safetensors (the twin's initial state dict, PyTorch's default
initialisation), data.safetensors (x, y), torch.json (spec, hyperparameters, loss per step, final
eval-mode pixel accuracy and mIoU on the generated set).
"""
import argparse
import json
import math
import os
import time

import torch
import torch.nn as nn
from safetensors.torch import save_file

import twins

CLASSES = 4


def generate(n, size, gen):
    """n images (n, 3, size, size) in about [-1.5, 1.5] and labels (n, size, size)."""
    yy, xx = torch.meshgrid(torch.arange(size, dtype=torch.float32), torch.arange(size, dtype=torch.float32),
                            indexing="ij")
    colours = torch.tensor([[0.0, 0.0, 0.0], [0.8, -0.4, 0.2], [-0.3, 0.7, 0.4], [0.4, 0.4, -0.6]])
    xs, ys = [], []
    for _ in range(n):
        y = torch.zeros(size, size, dtype=torch.long)
        for _ in range(int(torch.randint(2, 5, (1,), generator=gen))):
            kind = int(torch.randint(1, CLASSES, (1,), generator=gen))
            cy, cx = (torch.rand(2, generator=gen) * size).tolist()
            a, b = (torch.rand(2, generator=gen) * size * 0.25 + 3).tolist()
            if kind == 1:
                mask = ((yy - cy).abs() < a) & ((xx - cx).abs() < b)
            elif kind == 2:
                mask = ((yy - cy) / a) ** 2 + ((xx - cx) / b) ** 2 < 1
            else:
                angle = float(torch.rand(1, generator=gen)) * math.pi
                d = (yy - cy) * math.cos(angle) - (xx - cx) * math.sin(angle)
                mask = (d.abs() < 2.5) & (((yy - cy) ** 2 + (xx - cx) ** 2) < (2 * a) ** 2)
            y[mask] = kind
        tilt = torch.randn(3, 1, 1, generator=gen) * 0.3
        img = colours[y].permute(2, 0, 1) * 0.8 + tilt * (xx / size - 0.5) + torch.randn(3, size, size, generator=gen) * 0.5
        xs.append(img)
        ys.append(y)
    return torch.stack(xs), torch.stack(ys)


def metrics(model, x, y):
    model.eval()
    with torch.no_grad():
        pred = torch.cat([model(x[i:i + 8]).argmax(1) for i in range(0, len(x), 8)])
    model.train()
    acc = (pred == y).float().mean().item()
    ious = []
    for c in range(CLASSES):
        inter = ((pred == c) & (y == c)).sum().item()
        union = ((pred == c) | (y == c)).sum().item()
        if union > 0:
            ious.append(inter / union)
    return acc, sum(ious) / len(ious)


def build(arch, width):
    if arch == "segnet":
        return twins.SegNet(CLASSES, width=width), {"architecture": "segnet", "encoder": "vgg16",
                                                    "num_classes": CLASSES, "base_width": width, "options": {}}
    if arch == "fcn8s":
        return twins.Fcn(CLASSES, 8, width=width, fc_width=4 * width), {
            "architecture": "fcn8s", "encoder": "vgg16", "num_classes": CLASSES, "base_width": width,
            "options": {"fc_width": str(4 * width)}}
    raise SystemExit("--arch must be segnet or fcn8s")


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--arch", default="segnet")
    p.add_argument("--width", type=int, default=8)
    p.add_argument("--steps", type=int, default=200)
    p.add_argument("--batch", type=int, default=4)
    p.add_argument("--images", type=int, default=64)
    p.add_argument("--size", type=int, default=64)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--seed", type=int, default=3)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    torch.set_num_threads(a.threads)
    gen = torch.Generator().manual_seed(a.seed)
    x, y = generate(a.images, a.size, gen)
    torch.manual_seed(a.seed)
    model, spec = build(a.arch, a.width)
    save_file({k: v.detach().clone().contiguous() for k, v in model.state_dict().items()},
              os.path.join(a.out, "weights.safetensors"))
    save_file({"x": x.contiguous(), "y": y.to(torch.uint8).contiguous()}, os.path.join(a.out, "data.safetensors"))

    opt = torch.optim.Adam(model.parameters(), lr=a.lr, betas=(0.9, 0.999), eps=1e-8)
    crit = nn.CrossEntropyLoss(ignore_index=255)
    model.train()
    losses = []
    start = time.time()
    per_epoch = a.images // a.batch
    for step in range(a.steps):
        i = (step % per_epoch) * a.batch
        loss = crit(model(x[i:i + a.batch]), y[i:i + a.batch])
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    seconds = time.time() - start
    acc, miou = metrics(model, x, y)
    out = {"spec": spec, "torch": torch.__version__, "steps": a.steps, "batch": a.batch, "lr": a.lr,
           "optimizer": "adam betas 0.9/0.999 eps 1e-8, no weight decay", "losses": losses,
           "pixel_accuracy": acc, "miou": miou, "seconds": seconds}
    with open(os.path.join(a.out, "torch.json"), "w") as f:
        json.dump(out, f, indent=1)
    print("%s width %d: loss %.4f -> %.4f (mean of last 20: %.4f), pixel acc %.3f, mIoU %.3f, %.1f s"
          % (a.arch, a.width, losses[0], losses[-1], sum(losses[-20:]) / 20, acc, miou, seconds))


if __name__ == "__main__":
    main()
