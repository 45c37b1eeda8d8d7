#!/usr/bin/env python3
"""Markdown rows of the 15-minute CamVid table from the run folders of camvid_15min.sh.

    bench/table/rows.py OUT_DIR

One row per run folder that has summary.json and eval-val/metrics.json: the steps the budget
allowed, val mIoU, global (pixel) accuracy, mean class accuracy, mean boundary F1 and the images/s
that seg4j eval printed for the 101 val images at 360x480 (OUT_DIR/<model>-eval.log).
"""
import json
import re
import sys
from pathlib import Path


def main(out: Path) -> None:
    print("| model | encoder | steps in the budget | epochs | val mIoU | global accuracy | mean class accuracy "
          "| boundary F | eval images/s at 360x480 |")
    print("|---|---|---|---|---|---|---|---|---|")
    for run in sorted(p for p in out.iterdir() if (p / "eval-val" / "metrics.json").is_file()):
        summary = json.loads((run / "summary.json").read_text())
        metrics = json.loads((run / "eval-val" / "metrics.json").read_text())
        model = json.loads((run / "model.json").read_text()).get("model", {})
        log = out / (run.name + "-eval.log")
        speed = re.search(r"\(([0-9.]+) images/s\)", log.read_text()) if log.is_file() else None
        print(f"| `{run.name}` | `{model.get('encoder') or 'default'}` | {summary['steps_taken']} | "
              f"{summary.get('epochs_completed', '?')} | {100 * metrics['mIoU']:.1f}% | "
              f"{100 * metrics['pixelAccuracy']:.1f}% | {100 * metrics['meanClassAccuracy']:.1f}% | "
              f"{100 * metrics['meanBoundaryF1']:.1f}% | {speed.group(1) if speed else '?'} |")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
