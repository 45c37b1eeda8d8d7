#!/usr/bin/env python3
"""Generates the reference fixtures of seg4j's panoptic, instance and ISBI metrics.

Run once, commit the output (CI needs no Python):

    python3 -m venv /tmp/ref-venv
    /tmp/ref-venv/bin/pip install --no-index --find-links /opt/pypi/files --find-links /opt/wheels \
        pycocotools numpy pillow
    /tmp/ref-venv/bin/python bench/reference/make_instance_fixtures.py \
        seg4j-core/src/test/resources/reference/instance

What it writes (small, seeded, random-but-reproducible):

* gt.json + gt/*.png, pred.json + pred/*.png: COCO panoptic ground truth and prediction of five
  images (RGB PNG, id = R + 256 G + 256^2 B), with void regions, crowd regions (two of one class in
  one image), a stuff class absent everywhere, a thing class only predicted, one only in the ground
  truth, predictions lying on void and on crowd, and large 24-bit segment ids.
* gt_instances.json + detections.json: the thing segments of gt as COCO instances (compressed RLE)
  and scored, overlapping mask detections (score ties, three inside each crowd region, 110 false
  positives of one class in one image that push its true detections past the 100-detection limit,
  small, medium and large objects).
* expected_pq.json: PQ/SQ/RQ per class and for All/Things/Stuff.
* expected_ap.json: the 12 numbers of pycocotools COCOeval(iouType='segm').summarize(), and AP per
  category (precision averaged over thresholds and recall points, all areas, 100 detections).
* rand_gt.png, rand_pred.png (16-bit labels, 0 = boundary) + expected_rand.json: the ISBI 2012
  foreground-restricted scores.

Which reference produced what:

* Mask AP: pycocotools (installed from the offline wheels), COCOeval itself.
* PQ: panopticapi is not on the offline wheel list, so pq_compute is RE-DERIVED here (function
  pq_reference) from the algorithm of panopticapi/evaluation.py (pq_compute_single_core and
  PQStat.pq_average), read but not copied: matching on equal class, non-crowd ground truth and
  IoU > 0.5 with the prediction's void pixels left out of the union; unmatched non-crowd ground
  truth = FN; an unmatched prediction is an FP unless more than half of it lies on void plus the
  (last) crowd region of its class; classes without TP, FP and FN are left out of the means.
  It is not an independent implementation of the reference; the hand-computed Java tests
  (PanopticQualityTest) are the independent check.
* Rand / information scores: re-derived from the published formulas (Arganda-Carreras et al.,
  Front. Neuroanat. 2015) with numpy; again the hand-computed Java tests are the independent check.
"""
import json
import os
import sys

import numpy as np
from PIL import Image
from pycocotools import mask as mask_util
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

CATEGORIES = [  # id, name, isthing, color
    (1, "road", 0, (128, 64, 128)),
    (2, "sky", 0, (70, 130, 180)),
    (3, "tree", 0, (107, 142, 35)),  # absent everywhere
    (4, "car", 1, (0, 0, 142)),
    (5, "person", 1, (220, 20, 60)),
    (6, "bicycle", 1, (119, 11, 32)),  # only predicted
    (7, "bus", 1, (0, 60, 100)),  # only in the ground truth
]
SIZES = [(48, 40), (80, 64), (30, 36), (120, 110), (50, 50)]  # width, height


def id_to_rgb(ids):
    return np.stack([ids % 256, ids // 256 % 256, ids // 65536], axis=-1).astype(np.uint8)


def rgb_to_id(rgb):
    rgb = rgb.astype(np.uint32)
    return rgb[..., 0] + 256 * rgb[..., 1] + 65536 * rgb[..., 2]


def ellipse(h, w, cy, cx, ry, rx):
    yy, xx = np.mgrid[0:h, 0:w]
    return ((yy - cy) / max(ry, 0.5)) ** 2 + ((xx - cx) / max(rx, 0.5)) ** 2 <= 1.0


def make_gt(rng, index, w, h):
    """A panoptic map (segment ids) and its segments [(id, category, iscrowd)]."""
    ids = np.zeros((h, w), np.int64)
    segs = []
    horizon = int(rng.integers(h // 3, 2 * h // 3))
    ids[:horizon] = 1
    ids[horizon:] = 2
    segs += [(1, 2, 0), (2, 1, 0)]  # sky above, road below
    next_id = 3
    things = [(4, 0, None)] * int(rng.integers(2, 5)) + [(5, 0, None)] * int(rng.integers(1, 4))
    if index in (0, 2):
        things.append((4, 1, None))
    if index == 2:
        things.append((4, 1, None))  # a second crowd region of the same class
    if index == 3:
        things.append((7, 0, (5, 105, 8, 103)))  # large: more than 96^2 pixels
    if index == 1:
        things.append((5, 0, (20, 52, 10, 50)))  # medium: 32^2 to 96^2 pixels
    for cat, crowd, box in things:
        if box is not None:
            m = np.zeros((h, w), bool)
            m[box[0]:box[1], box[2]:box[3]] = True
        else:
            cy, cx = rng.integers(0, h), rng.integers(0, w)
            m = ellipse(h, w, cy, cx, rng.integers(2, max(3, h // 3)), rng.integers(2, max(3, w // 3)))
        ids[m] = next_id
        segs.append((next_id, cat, crowd))
        next_id += 1
    y0, x0 = rng.integers(0, h - 6), rng.integers(0, w - 6)
    ids[y0:y0 + rng.integers(3, 7), x0:x0 + rng.integers(3, 9)] = 0  # void
    present = set(np.unique(ids).tolist())
    return ids, [s for s in segs if s[0] in present]


def make_pred(rng, gt_ids, gt_segs):
    h, w = gt_ids.shape
    pred = np.zeros((h, w), np.int64)
    segs = []
    used = set()
    pred_of = {}

    def new_id():
        while True:
            i = int(rng.integers(1, 2 ** 24))
            if i not in used:
                used.add(i)
                return i

    for sid, cat, crowd in gt_segs:
        m = gt_ids == sid
        r = rng.random()
        if (r < 0.15 and cat >= 4) or cat == 7:
            continue  # missed (bus always)
        dy, dx = rng.integers(-2, 3, size=2)
        m = np.roll(np.roll(m, dy, axis=0), dx, axis=1)
        if 0.15 <= r < 0.25 and cat >= 4:
            cat = 5 if cat == 4 else 4  # wrong class
        if 0.25 <= r < 0.32 and cat >= 4:
            cat = 6  # a bicycle that is not there
        pid = new_id()
        pred[m] = pid
        pred_of[sid] = pid
        segs.append((pid, cat))
    # a prediction on the top half of the void region; the bottom half goes to the prediction of the
    # largest ground-truth segment, a match whose union leaves those pixels out
    void = gt_ids == 0
    if void.any():
        ys, xs = np.nonzero(void)
        middle = (ys.min() + ys.max() + 1) // 2
        pid = new_id()
        pred[ys.min():middle, xs.min():xs.max() + 1] = pid
        segs.append((pid, 4))
        largest = max(gt_segs, key=lambda s: int((gt_ids == s[0]).sum()))
        if largest[0] in pred_of:
            pred[middle:ys.max() + 1, xs.min():xs.max() + 1] = pred_of[largest[0]]
    for sid, cat, crowd in gt_segs:
        if crowd:
            pid = new_id()
            pred[(gt_ids == sid) & (rng.random((h, w)) < 0.8)] = pid
            segs.append((pid, cat))
    present = set(np.unique(pred).tolist())
    return pred, [s for s in segs if s[0] in present]


def write_panoptic(folder, name, maps, seg_lists, crowd_known):
    os.makedirs(os.path.join(folder, name), exist_ok=True)
    anns, images = [], []
    for i, (ids, segs) in enumerate(zip(maps, seg_lists)):
        fname = "%04d.png" % (i + 1)
        Image.fromarray(id_to_rgb(ids)).save(os.path.join(folder, name, fname))
        info = []
        for s in segs:
            m = ids == s[0]
            ys, xs = np.nonzero(m)
            info.append({"id": int(s[0]), "category_id": int(s[1]),
                         "iscrowd": int(s[2]) if crowd_known else 0, "area": int(m.sum()),
                         "bbox": [int(xs.min()), int(ys.min()), int(xs.max() - xs.min() + 1),
                                  int(ys.max() - ys.min() + 1)]})
        anns.append({"image_id": i + 1, "file_name": fname, "segments_info": info})
        images.append({"id": i + 1, "file_name": fname, "width": ids.shape[1], "height": ids.shape[0]})
    cats = [{"id": c, "name": n, "supercategory": n, "isthing": t, "color": list(col)}
            for c, n, t, col in CATEGORIES]
    with open(os.path.join(folder, name + ".json"), "w") as f:
        json.dump({"images": images, "annotations": anns, "categories": cats}, f)
    return cats


def pq_reference(folder):
    """pq_compute re-derived (see the module docstring): reads the written files back."""
    gt_json = json.load(open(os.path.join(folder, "gt.json")))
    pred_json = json.load(open(os.path.join(folder, "pred.json")))
    cats = {c["id"]: c for c in gt_json["categories"]}
    stat = {c: [0.0, 0, 0, 0] for c in cats}  # iou, tp, fp, fn
    preds = {a["image_id"]: a for a in pred_json["annotations"]}
    for g in gt_json["annotations"]:
        p = preds[g["image_id"]]
        gid = rgb_to_id(np.array(Image.open(os.path.join(folder, "gt", g["file_name"]))))
        pid = rgb_to_id(np.array(Image.open(os.path.join(folder, "pred", p["file_name"]))))
        gsegs = {s["id"]: dict(s) for s in g["segments_info"]}
        psegs = {s["id"]: dict(s) for s in p["segments_info"]}
        values, counts = np.unique(pid, return_counts=True)
        for v, c in zip(values.tolist(), counts.tolist()):
            if v == 0:
                continue
            psegs[v]["area"] = c
        pairs = {}
        joint = gid.astype(np.uint64) * (1 << 24) + pid.astype(np.uint64)
        values, counts = np.unique(joint, return_counts=True)
        for v, c in zip(values.tolist(), counts.tolist()):
            pairs[(v >> 24, v & 0xFFFFFF)] = c
        gmatch, pmatch = set(), set()
        for (gl, pl), inter in pairs.items():
            if gl not in gsegs or pl not in psegs:
                continue
            gs, ps = gsegs[gl], psegs[pl]
            if gs["iscrowd"] == 1 or gs["category_id"] != ps["category_id"]:
                continue
            union = ps["area"] + gs["area"] - inter - pairs.get((0, pl), 0)
            iou = inter / union
            if iou > 0.5:
                stat[gs["category_id"]][0] += iou
                stat[gs["category_id"]][1] += 1
                gmatch.add(gl)
                pmatch.add(pl)
        crowd = {}
        for gl, gs in gsegs.items():
            if gl in gmatch:
                continue
            if gs["iscrowd"] == 1:
                crowd[gs["category_id"]] = gl
                continue
            stat[gs["category_id"]][3] += 1
        for pl, ps in psegs.items():
            if pl in pmatch:
                continue
            ignored = pairs.get((0, pl), 0)
            if ps["category_id"] in crowd:
                ignored += pairs.get((crowd[ps["category_id"]], pl), 0)
            if ignored / ps["area"] > 0.5:
                continue
            stat[ps["category_id"]][2] += 1
    per_class, averages = {}, {}
    for name, thing in (("All", None), ("Things", True), ("Stuff", False)):
        total, n = [0.0, 0.0, 0.0], 0
        for c, info in cats.items():
            if thing is not None and (info["isthing"] == 1) != thing:
                continue
            iou, tp, fp, fn = stat[c]
            if tp + fp + fn == 0:
                per_class[info["name"]] = {"pq": 0.0, "sq": 0.0, "rq": 0.0, "tp": 0, "fp": 0, "fn": 0}
                continue
            n += 1
            d = tp + 0.5 * fp + 0.5 * fn
            q = [iou / d, iou / tp if tp else 0.0, tp / d]
            per_class[info["name"]] = {"pq": q[0], "sq": q[1], "rq": q[2], "tp": tp, "fp": fp, "fn": fn}
            total = [a + b for a, b in zip(total, q)]
        averages[name] = {"pq": total[0] / n, "sq": total[1] / n, "rq": total[2] / n, "n": n}
    return {"per_class": per_class, **averages}


def rle(m):
    r = mask_util.encode(np.asfortranarray(m.astype(np.uint8)))
    return {"size": [int(m.shape[0]), int(m.shape[1])], "counts": r["counts"].decode("ascii")}


def make_detections(rng, folder, gt_maps, gt_segs):
    anns, dets, images = [], [], []
    aid = 1
    for i, (ids, segs) in enumerate(zip(gt_maps, gt_segs)):
        h, w = ids.shape
        images.append({"id": i + 1, "file_name": "%04d.png" % (i + 1), "width": w, "height": h})
        for sid, cat, crowd in segs:
            if cat < 4:
                continue
            m = ids == sid
            ys, xs = np.nonzero(m)
            anns.append({"id": aid, "image_id": i + 1, "category_id": cat, "segmentation": rle(m),
                         "area": int(m.sum()), "iscrowd": int(crowd),
                         "bbox": [int(xs.min()), int(ys.min()), int(xs.max() - xs.min() + 1),
                                  int(ys.max() - ys.min() + 1)]})
            aid += 1
            if crowd:  # three detections inside the crowd region: all match it and are ignored
                ys, xs = np.nonzero(m)
                for part in (m, m & (xs.mean() > np.arange(w))[None, :], m & (ys.mean() > np.arange(h))[:, None]):
                    if part.any():
                        dets.append({"image_id": i + 1, "category_id": cat, "segmentation": rle(part),
                                     "score": round(float(rng.random()), 1)})
                continue
            for _ in range(int(rng.integers(0, 3))):  # 0, 1 or 2 detections of this object
                dy, dx = rng.integers(-1, 2, size=2)
                d = np.roll(np.roll(m, dy, axis=0), dx, axis=1)
                if rng.random() < 0.3:
                    d = d | np.roll(d, 1, axis=1)
                c = cat if rng.random() < 0.85 else int(rng.choice([4, 5, 6]))
                score = round(float(rng.random()), 1)  # rounding makes ties
                if i == 4:
                    score = 0.05  # below the 110 false positives of this image: cut by the 100-detection limit
                if d.any():
                    dets.append({"image_id": i + 1, "category_id": c, "segmentation": rle(d), "score": score})
        count = 110 if i == 4 else int(rng.integers(1, 4))  # false positives; more than 100 in image 5
        for _ in range(count):
            m = ellipse(h, w, rng.integers(0, h), rng.integers(0, w), rng.integers(1, 4), rng.integers(1, 4))
            cat, score = int(rng.choice([4, 5, 6])), float(rng.random())
            if i == 4:
                cat, score = 4, 0.3 + 0.7 * score  # 110 cars in one image, more than the limit of 100
            dets.append({"image_id": i + 1, "category_id": cat, "segmentation": rle(m), "score": score})
    cats = [{"id": c, "name": n, "supercategory": n, "isthing": t} for c, n, t, _ in CATEGORIES]
    with open(os.path.join(folder, "gt_instances.json"), "w") as f:
        json.dump({"images": images, "annotations": anns, "categories": cats}, f)
    with open(os.path.join(folder, "detections.json"), "w") as f:
        json.dump(dets, f)
    gt = COCO(os.path.join(folder, "gt_instances.json"))
    dt = gt.loadRes(os.path.join(folder, "detections.json"))
    ev = COCOeval(gt, dt, iouType="segm")
    ev.evaluate()
    ev.accumulate()
    ev.summarize()
    precision = ev.eval["precision"][:, :, :, 0, -1]
    per_cat = {}
    for k, cat_id in enumerate(ev.params.catIds):
        p = precision[:, :, k]
        per_cat[CATEGORIES[cat_id - 1][1]] = float(np.mean(p[p > -1])) if (p > -1).any() else -1.0
    return {"stats": [float(s) for s in ev.stats], "per_class_ap": per_cat}


def rand_reference(folder, rng):
    h, w = 40, 44
    gt = np.zeros((h, w), np.int64)
    gt[:, :] = 1
    gt[:, 14:] = 2
    gt[20:, 14:] = 3
    gt[:, 30:] = 4
    gt[:, 13] = 0  # membranes
    gt[19, 14:] = 0
    gt[:, 29] = 0
    pred = gt.copy()
    pred[pred == 4] = 3  # a merge
    pred[:10, :13] = 7  # a split
    pred[(rng.random((h, w)) < 0.05)] = 0  # scattered boundary pixels (singletons)
    pred[19, 20:25] = 3  # a leak across the membrane
    Image.fromarray(gt.astype(np.uint16)).save(os.path.join(folder, "rand_gt.png"))
    Image.fromarray(pred.astype(np.uint16)).save(os.path.join(folder, "rand_pred.png"))
    fg = gt != 0
    t, s = gt[fg], pred[fg]
    n = t.size
    single = int((s == 0).sum())
    _, tc = np.unique(t, return_counts=True)
    _, sc = np.unique(s[s != 0], return_counts=True)
    _, jc = np.unique(t[s != 0] * 100000 + s[s != 0], return_counts=True)
    p2 = float((jc.astype(float) ** 2).sum() + single)
    t2 = float((tc.astype(float) ** 2).sum())
    s2 = float((sc.astype(float) ** 2).sum() + single)

    def ent(c):
        p = c / n
        return float(-(p * np.log(p)).sum())

    hs = ent(sc) + single * np.log(n) / n
    ht = ent(tc)
    hst = ent(jc) + single * np.log(n) / n
    info = hs + ht - hst
    split, merge = p2 / t2, p2 / s2
    out = {"rand_split": split, "rand_merge": merge, "v_rand": 2 * split * merge / (split + merge),
           "info_split": info / hs, "info_merge": info / ht, "v_info": 2 * info / (hs + ht),
           "vi": 2 * hst - hs - ht}
    with open(os.path.join(folder, "expected_rand.json"), "w") as f:
        json.dump(out, f, indent=1)


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "seg4j-core/src/test/resources/reference/instance"
    os.makedirs(folder, exist_ok=True)
    rng = np.random.default_rng(20120417)
    gt_maps, gt_segs, pred_maps, pred_segs = [], [], [], []
    for i, (w, h) in enumerate(SIZES):
        ids, segs = make_gt(rng, i, w, h)
        pids, psegs = make_pred(rng, ids, segs)
        gt_maps.append(ids)
        gt_segs.append(segs)
        pred_maps.append(pids)
        pred_segs.append([(p, c, 0) for p, c in psegs])
    write_panoptic(folder, "gt", gt_maps, gt_segs, True)
    write_panoptic(folder, "pred", pred_maps, pred_segs, False)
    with open(os.path.join(folder, "expected_pq.json"), "w") as f:
        json.dump(pq_reference(folder), f, indent=1)
    with open(os.path.join(folder, "expected_ap.json"), "w") as f:
        json.dump(make_detections(rng, folder, gt_maps, gt_segs), f, indent=1)
    rand_reference(folder, rng)


if __name__ == "__main__":
    main()
