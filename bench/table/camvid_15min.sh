#!/usr/bin/env bash
# Issue 16's one table: every architecture trained from scratch on CamVid with one shared recipe
# (configs/camvid.yaml) and the same wall-clock budget, then scored by seg4j eval on the val split
# at full resolution. Run with nothing else on the machine; rows are independent, so a table can be
# built over several sessions (each row's summary.json and eval-val/metrics.json are all it needs).
#
#   bench/table/camvid_15min.sh OUT_DIR [MODEL:ENCODER ...]
#   bench/table/rows.py OUT_DIR            # the Markdown rows
#
# Inference images/s at 360x480 come from: ./seg4j models --bench --size 360x480 MODEL
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${1:?usage: camvid_15min.sh OUT_DIR [MODEL:ENCODER ...]}"; shift
DATA="${CAMVID:-$HERE/../shared/data/camvid}"
BUDGET="${BUDGET:-15m}"
MODELS=("$@")
if [ ${#MODELS[@]} -eq 0 ]; then
  MODELS=(segnet:vgg16 fcn8s:vgg16 lraspp:mobilenetv3_large fastscnn:fastscnn unet:unet deeplabv3plus:resnet18
          fcn16s:vgg16 fcn32s:vgg16 deeplabv3:resnet18 pspnet:resnet18 parsenet:resnet18 fastfcn:resnet18
          segmenter:vit-tiny)
fi
mkdir -p "$OUT"
for me in "${MODELS[@]}"; do
  m="${me%%:*}"; enc="${me#*:}"
  if [ -f "$OUT/$m/eval-val/metrics.json" ]; then echo "$m: done already"; continue; fi
  echo "$(date +%T) $m ($enc): training for $BUDGET"
  "$HERE/seg4j" train --config "$HERE/configs/camvid.yaml" --data "$DATA" --layout camvid --model "$m" \
      --encoder "$enc" --time-budget "$BUDGET" --seed 42 --set model_selection=last --out "$OUT/$m" > "$OUT/$m.log" 2>&1
  "$HERE/seg4j" eval --model "$OUT/$m" --data "$DATA" --layout camvid --split val --out "$OUT/$m/eval-val" \
      > "$OUT/$m-eval.log" 2>&1
  tail -n 1 "$OUT/$m-eval.log"
done
