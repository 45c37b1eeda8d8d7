#!/usr/bin/env python3
"""The PyTorch side of `seg4j bench perf`.

Builds the same networks as seg4j's `unet` (UNetEncoder + UNetDecoder + SegmentationHead) and
`deeplabv3plus` with a dilated ResNet-18 (ResNetEncoder + Aspp + DeepLabV3PlusDecoder), layer by
layer, and measures them exactly as the seg4j worker does:

  * inference: normalised float input -> logits -> per-pixel class map (argmax), in eval mode under
    torch.inference_mode(), p50 latency over the timed passes and images/s = batch / p50;
  * training step: forward, cross-entropy (ignore_index 255), backward, Adam update;
  * peak resident memory of this process (VmHWM from /proc/self/status);
  * or, with --loader, decode + augment + normalise + batch of CamVid frames (no model).

Prints one line `PERF_RESULT {json}` at the end; seg4j parses it. Weights are PyTorch's default
initialisation (shape-equivalent to seg4j's); speed does not depend on the values.
"""
import argparse
import json
import os
import random
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def conv_bn_relu(cin, cout, k, stride=1, dilation=1, groups=1, relu=True):
    """seg4j Layers.convBnRelu / ConvBn: conv without bias, BN, optional ReLU, 'same' padding."""
    layers = [nn.Conv2d(cin, cout, k, stride=stride, padding=dilation * (k // 2), dilation=dilation,
                        groups=groups, bias=False), nn.BatchNorm2d(cout)]
    if relu:
        layers.append(nn.ReLU(inplace=True))
    return nn.Sequential(*layers)


def double_conv(cin, cout):
    return nn.Sequential(conv_bn_relu(cin, cout, 3), conv_bn_relu(cout, cout, 3))


def resize(x, h, w):
    if x.shape[-2] == h and x.shape[-1] == w:
        return x
    return F.interpolate(x, size=(h, w), mode="bilinear", align_corners=False)


class UNet(nn.Module):
    """seg4j `unet` (encoder unet, depth 4, decoder channels capped at 512, head 1x1 conv)."""

    def __init__(self, width, classes, depth=4, max_channels=512):
        super().__init__()
        ch = [width << i for i in range(depth + 1)]
        self.stages = nn.ModuleList([double_conv(3, ch[0])] + [
            nn.Sequential(nn.MaxPool2d(2, 2), double_conv(ch[i - 1], ch[i])) for i in range(1, depth + 1)])
        dec = [min(c, max_channels) for c in ch]
        blocks = [None] * depth
        prev = ch[-1]
        for i in range(depth - 1, -1, -1):
            blocks[i] = double_conv(prev + ch[i], dec[i])
            prev = dec[i]
        self.blocks = nn.ModuleList(blocks)
        self.head = nn.Conv2d(dec[0], classes, 1)

    def forward(self, x):
        feats = []
        for s in self.stages:
            x = s(x)
            feats.append(x)
        for i in range(len(self.blocks) - 1, -1, -1):
            skip = feats[i]
            x = self.blocks[i](torch.cat([resize(x, skip.shape[2], skip.shape[3]), skip], 1))
        return self.head(x)


class Basic(nn.Module):
    """ResNet basic block as seg4j ResNetEncoder.basic (ReLU after the sum)."""

    def __init__(self, cin, planes, stride, dilation):
        super().__init__()
        self.main = nn.Sequential(conv_bn_relu(cin, planes, 3, stride, dilation),
                                  conv_bn_relu(planes, planes, 3, 1, dilation, relu=False))
        self.shortcut = None if stride == 1 and cin == planes else conv_bn_relu(cin, planes, 1, stride, relu=False)

    def forward(self, x):
        s = x if self.shortcut is None else self.shortcut(x)
        return F.relu(self.main(x) + s)


class ResNet18(nn.Module):
    """seg4j resnet18 at output stride 16: layer4 has stride 1, dilation 1 then 2."""

    def __init__(self, width=64):
        super().__init__()
        self.stem = conv_bn_relu(3, width, 7, stride=2)
        layers = []
        cin = width
        strides = [1, 2, 2, 1]
        first_dil = [1, 1, 1, 1]
        dil = [1, 1, 1, 2]
        for layer in range(4):
            planes = width << layer
            units = [nn.MaxPool2d(3, 2, 1)] if layer == 0 else []
            for u in range(2):
                units.append(Basic(cin, planes, strides[layer] if u == 0 else 1,
                                   first_dil[layer] if u == 0 else dil[layer]))
                cin = planes
            layers.append(nn.Sequential(*units))
        self.layers = nn.ModuleList(layers)

    def forward(self, x):
        x = self.stem(x)
        feats = []
        for layer in self.layers:
            x = layer(x)
            feats.append(x)
        return feats  # strides 4, 8, 16, 16


def separable(cin, cout, rate):
    """seg4j Atrous.separableBnRelu: depthwise 3x3 (dilated) + BN + ReLU, 1x1 + BN + ReLU."""
    return nn.Sequential(conv_bn_relu(cin, cin, 3, dilation=rate, groups=cin), conv_bn_relu(cin, cout, 1))


class Aspp(nn.Module):
    """seg4j Aspp (separable): 1x1 branch, separable atrous branches, image pooling (biased 1x1, no BN)."""

    def __init__(self, cin, width, rates, dropout):
        super().__init__()
        self.branches = nn.ModuleList([conv_bn_relu(cin, width, 1)] + [separable(cin, width, r) for r in rates])
        self.pooling = nn.Sequential(nn.Conv2d(cin, width, 1), nn.ReLU(inplace=True))
        self.projection = nn.Sequential(conv_bn_relu(width * (len(rates) + 2), width, 1), nn.Dropout(dropout))

    def forward(self, x):
        parts = [b(x) for b in self.branches]
        img = self.pooling(x.mean((2, 3), keepdim=True))
        parts.append(img.expand(-1, -1, x.shape[2], x.shape[3]))
        return self.projection(torch.cat(parts, 1))


class DeepLabV3Plus(nn.Module):
    """seg4j `deeplabv3plus` with encoder resnet18, output stride 16, width 256, low-level width 48."""

    def __init__(self, classes, width=256, low_width=48, rates=(6, 12, 18), dropout=0.1):
        super().__init__()
        self.encoder = ResNet18()
        self.aspp = Aspp(512, width, rates, dropout)
        self.low_level = conv_bn_relu(64, low_width, 1)
        self.refine = nn.Sequential(separable(width + low_width, width, 1), separable(width, width, 1))
        self.head = nn.Conv2d(width, classes, 1)

    def forward(self, x):
        h, w = x.shape[2], x.shape[3]
        feats = self.encoder(x)
        low = self.low_level(feats[0])
        deep = self.aspp(feats[3])
        x = self.refine(torch.cat([resize(deep, low.shape[2], low.shape[3]), low], 1))
        return resize(self.head(x), h, w)


def build(name, width, classes):
    if name == "unet":
        return UNet(width, classes)
    if name == "deeplabv3plus":
        return DeepLabV3Plus(classes)
    raise SystemExit("unknown model " + name)


def parameter_count(model):
    """Parameters plus BN running statistics: seg4j (DJL) counts running mean/var as parameters."""
    n = sum(p.numel() for p in model.parameters())
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            n += m.running_mean.numel() + m.running_var.numel()
    return n


def peak_rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return -1.0


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2.0


def infer(model, batch, size, warmup, runs):
    x = torch.rand(batch, 3, size, size)
    times = []
    with torch.inference_mode():
        for i in range(warmup + runs):
            t0 = time.perf_counter()
            classes = model(x).argmax(1).to(torch.uint8)
            classes.numpy()
            if i >= warmup:
                times.append(time.perf_counter() - t0)
    p50 = median(times) * 1000.0
    return {"batch": batch, "size": size, "runs": runs, "p50_ms": p50, "images_per_s": batch * 1000.0 / p50}


def train(model, classes, batch, size, warmup, steps):
    model.train()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss(ignore_index=255)
    x = torch.rand(batch, 3, size, size)
    y = torch.randint(0, classes, (batch, size, size))
    times = []
    for i in range(warmup + steps):
        t0 = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.item()
        loss.backward()
        opt.step()
        if i >= warmup:
            times.append(time.perf_counter() - t0)
    model.eval()
    p50 = median(times) * 1000.0
    return {"batch": batch, "size": size, "runs": steps, "p50_ms": p50, "images_per_s": batch * 1000.0 / p50}


def loader(root, batches, batch, crop, workers, seed):
    """decode + random scale [0.5, 2] + random crop (zero pad) + hflip + normalise + batch, as seg4j's loader."""
    import numpy as np
    from PIL import Image

    folder = os.path.join(root, "train")
    names = sorted(n for n in os.listdir(folder) if n.lower().endswith(".png"))
    if not names:
        raise SystemExit(folder + ": no PNG frames")
    mean = np.array([0.485, 0.456, 0.406], dtype=np.float32)
    std = np.array([0.229, 0.224, 0.225], dtype=np.float32)

    class Frames(torch.utils.data.Dataset):
        def __len__(self):
            return len(names)

        def __getitem__(self, i):
            rnd = random.Random(seed * 1000003 + i)
            img = Image.open(os.path.join(root, "train", names[i])).convert("RGB")
            mask = Image.open(os.path.join(root, "trainannot", names[i]))
            s = rnd.uniform(0.5, 2.0)
            w, h = img.size
            nw, nh = max(1, round(w * s)), max(1, round(h * s))
            img = img.resize((nw, nh), Image.BILINEAR)
            mask = mask.resize((nw, nh), Image.NEAREST)
            a = np.asarray(img, dtype=np.float32) / 255.0
            m = np.asarray(mask, dtype=np.uint8)
            ph, pw = max(0, crop - nh), max(0, crop - nw)
            if ph or pw:
                a = np.pad(a, ((0, ph), (0, pw), (0, 0)))
                m = np.pad(m, ((0, ph), (0, pw)), constant_values=255)
            y0 = rnd.randint(0, a.shape[0] - crop)
            x0 = rnd.randint(0, a.shape[1] - crop)
            a = a[y0:y0 + crop, x0:x0 + crop]
            m = m[y0:y0 + crop, x0:x0 + crop]
            if rnd.random() < 0.5:
                a = a[:, ::-1]
                m = m[:, ::-1]
            a = (a - mean) / std
            return torch.from_numpy(np.ascontiguousarray(a.transpose(2, 0, 1))), torch.from_numpy(
                np.ascontiguousarray(m))

    dl = torch.utils.data.DataLoader(Frames(), batch_size=batch, shuffle=True, num_workers=workers,
                                     drop_last=True, persistent_workers=workers > 0)
    it = iter(dl)
    next(it)
    images = 0
    t0 = time.perf_counter()
    for _ in range(batches):
        try:
            xb, _ = next(it)
        except StopIteration:
            it = iter(dl)
            xb, _ = next(it)
        images += xb.shape[0]
    rate = images / (time.perf_counter() - t0)
    return {"images_per_s": rate, "batches": batches, "batch": batch, "crop": crop, "workers": workers}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--model", default="unet", choices=["unet", "deeplabv3plus"])
    p.add_argument("--width", type=int, default=32, help="U-Net base width")
    p.add_argument("--classes", type=int, default=12)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--infer-size", type=int, default=512)
    p.add_argument("--infer-batches", default="1,8")
    p.add_argument("--train-size", type=int, default=256)
    p.add_argument("--train-batch", type=int, default=8)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--train-steps", type=int, default=5)
    p.add_argument("--loader", metavar="CAMVID_ROOT", help="measure the data loader on this CamVid folder instead")
    p.add_argument("--loader-batches", type=int, default=20)
    p.add_argument("--loader-workers", type=int, default=2)
    p.add_argument("--seed", type=int, default=42)
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    random.seed(a.seed)
    out = {"side": "pytorch", "torch": torch.__version__, "python": sys.version.split()[0],
           "threads": torch.get_num_threads(), "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY", "")}
    if a.loader:
        out["loader"] = loader(a.loader, a.loader_batches, a.train_batch, a.train_size, a.loader_workers, a.seed)
    else:
        model = build(a.model, a.width, a.classes).eval()
        out["model"] = a.model
        out["parameters"] = parameter_count(model)
        out["inference"] = [infer(model, int(b), a.infer_size, a.warmup, a.runs) for b in a.infer_batches.split(",")]
        out["training"] = train(model, a.classes, a.train_batch, a.train_size, 1, a.train_steps)
    out["peak_rss_mb"] = peak_rss_mb()
    print("PERF_RESULT " + json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
