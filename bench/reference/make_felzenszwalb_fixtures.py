#!/usr/bin/env python3
"""Generates the reference fixture of seg4j's Felzenszwalb-Huttenlocher segmentation.

Run once, commit the output (CI needs no Python):

    python3 -m venv /tmp/regions-venv
    /tmp/regions-venv/bin/pip install --no-index --find-links /opt/pypi/files --find-links /opt/wheels \
        scikit-image
    /tmp/regions-venv/bin/python bench/reference/make_felzenszwalb_fixtures.py \
        seg4j-core/src/test/resources/reference/felzenszwalb

What it writes (small, seeded):

* image.png: a 48x64 RGB picture of flat shapes (rectangle, disc, triangle, stripes) with a
  smooth gradient and seeded Gaussian noise, so that edge weights are rarely tied.
* expected.json: for several (scale, sigma, min_size) settings, the number of segments and the
  per-pixel labels of skimage.segmentation.felzenszwalb, renumbered in raster order of each
  segment's first pixel (seg4j's numbering), row-major.
"""
import json
import os
import sys

import numpy as np
import skimage
from PIL import Image
from skimage.segmentation import felzenszwalb

SETTINGS = [(1.0, 0.8, 20), (100.0, 0.5, 10), (300.0, 0.8, 30), (50.0, 0.0, 1)]


def picture(seed=7, h=48, w=64):
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w]
    img = np.zeros((h, w, 3), dtype=np.float64)
    img[...] = (40 + 60 * xx / w)[..., None] * np.array([1.0, 0.8, 0.6])
    img[(yy > 5) & (yy < 20) & (xx > 4) & (xx < 30)] = (200, 40, 40)
    img[(yy - 32) ** 2 + (xx - 44) ** 2 < 100] = (30, 180, 60)
    img[(yy > 26) & (xx < 24) & (yy - 26 > (xx - 2) * 0.9)] = (50, 60, 210)
    img[(yy < 12) & (xx > 40) & ((xx // 3) % 2 == 0)] = (230, 230, 90)
    img += rng.normal(0, 6, img.shape)
    return np.clip(np.rint(img), 0, 255).astype(np.uint8)


def raster_labels(seg):
    flat = seg.ravel()
    ids = {}
    out = np.empty_like(flat)
    for i, v in enumerate(flat):
        out[i] = ids.setdefault(int(v), len(ids))
    return out


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    img = picture()
    Image.fromarray(img).save(os.path.join(out_dir, "image.png"))
    cases = []
    for scale, sigma, min_size in SETTINGS:
        seg = felzenszwalb(img, scale=scale, sigma=sigma, min_size=min_size, channel_axis=-1)
        labels = raster_labels(seg)
        cases.append({"scale": scale, "sigma": sigma, "min_size": min_size,
                      "count": int(labels.max()) + 1, "labels": labels.tolist()})
    doc = {"generator": "skimage.segmentation.felzenszwalb " + skimage.__version__,
           "width": int(img.shape[1]), "height": int(img.shape[0]), "cases": cases}
    with open(os.path.join(out_dir, "expected.json"), "w") as f:
        json.dump(doc, f, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1])
