#!/usr/bin/env python3
"""Prints the reference values that seg4j's LovaszSoftmaxTest compares against.

The reference is segmentation_models.pytorch's LovaszLoss(mode="multiclass", per_image=False,
ignore_index=255) (Berman et al., CVPR 2018). Run in a venv with torch and
segmentation_models_pytorch (or any folder on PYTHONPATH holding its losses/lovasz.py):
    python bench/parity/lovasz_reference.py

The inputs are generated here and in the Java test by the same formulas, so no fixture file is
needed: logits 3 sin(0.37 i + 0.5) over the (N, C, H, W) elements in order, and label
(7 p + p // 3) mod 4 per pixel p, 3 meaning void (255).
"""
import math

import torch
import torch.nn.functional as F
from segmentation_models_pytorch.losses import LovaszLoss


def case(n, c, h, w, classes_used):
    x = torch.tensor([3 * math.sin(0.37 * i + 0.5) for i in range(n * c * h * w)], dtype=torch.float32)
    x = x.view(n, c, h, w).requires_grad_()
    labels = []
    for p in range(n * h * w):
        v = (7 * p + p // 3) % 4
        labels.append(255 if v == 3 else v % classes_used)
    return x, torch.tensor(labels).view(n, h, w)


def report(name, x, y, grad_indices):
    lovasz = LovaszLoss(mode="multiclass", per_image=False, ignore_index=255)
    loss = lovasz(x, y)
    loss.backward()
    g = x.grad.view(-1)
    print(f"{name}: loss {loss.item():.8f}, gradient L1 {g.abs().sum().item():.8f}")
    for i in grad_indices:
        print(f"  g[{i}] = {g[i].item():.8f}")
    ce = F.cross_entropy(x.detach(), y, ignore_index=255)
    print(f"  ce+lovasz {(ce + lovasz(x.detach(), y)).item():.8f}")


if __name__ == "__main__":
    # every class present
    report("N=2 C=3 H=4 W=5", *case(2, 3, 4, 5, 3), [0, 7, 23, 41, 66, 90, 119])
    # class 2 absent from the labels (0 and 1 only): the mean is over the two present classes
    report("N=2 C=3 H=4 W=5, labels 0-1", *case(2, 3, 4, 5, 2), [0, 23, 45, 66, 119])
