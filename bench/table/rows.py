#!/usr/bin/env python3
"""Markdown rows of the 15-minute CamVid table from the run folders of camvid_15min.sh.

    bench/table/rows.py OUT_DIR

One row per run folder that has summary.json and eval-val/metrics.json: the steps the budget
allowed, val mIoU, global (pixel) accuracy, mean class accuracy and mean boundary F1.
"""
import json
import sys
from pathlib import Path


def main(out: Path) -> None:
    print("| model | encoder | steps in the budget | epochs | val mIoU | global accuracy | mean class accuracy | boundary F |")
    print("|---|---|---|---|---|---|---|---|")
    for run in sorted(p for p in out.iterdir() if (p / "eval-val" / "metrics.json").is_file()):
        summary = json.loads((run / "summary.json").read_text())
        metrics = json.loads((run / "eval-val" / "metrics.json").read_text())
        model = json.loads((run / "model.json").read_text()).get("model", {})
        print(f"| `{run.name}` | `{model.get('encoder') or 'default'}` | {summary['steps_taken']} | "
              f"{summary.get('epochs_completed', '?')} | {100 * metrics['mIoU']:.1f}% | "
              f"{100 * metrics['pixelAccuracy']:.1f}% | {100 * metrics['meanClassAccuracy']:.1f}% | "
              f"{100 * metrics['meanBoundaryF1']:.1f}% |")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
