#!/usr/bin/env bash
# docs/spark.md: seg4j predict against seg4j spark predict (local[1], local[2]) on the same images, back to back.
# Usage: bench/spark-predict.sh MODEL_DIR IMAGE_DIR WORK_DIR
set -euo pipefail
MODEL="$1"; IMAGES="$2"; WORK="$3"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mkdir -p "$WORK"
run() {
  local name="$1"; shift
  local t0 t1
  t0=$(date +%s.%N)
  "$@" > "$WORK/$name.log" 2>&1
  t1=$(date +%s.%N)
  printf '%-28s %8.1f s wall (JVM start included)   %s\n' "$name" "$(echo "$t1 - $t0" | bc)" \
    "$(grep -E '^predicted' "$WORK/$name.log" | head -1)"
}
"$HERE/seg4j" predict --help > /dev/null   # build outside the timings
run predict "$HERE/seg4j" predict --model "$MODEL" --input "$IMAGES" --out "$WORK/predict" --format mask
run spark-local1 "$HERE/seg4j" spark predict --model "$MODEL" --input "$IMAGES" --output "$WORK/local1.parquet" \
  --master 'local[1]' --overwrite
run spark-local2-threads1 "$HERE/seg4j" spark predict --model "$MODEL" --input "$IMAGES" --output "$WORK/local2t1.parquet" \
  --master 'local[2]' --threads 1 --overwrite
run spark-local2 "$HERE/seg4j" spark predict --model "$MODEL" --input "$IMAGES" --output "$WORK/local2.parquet" \
  --master 'local[2]' --overwrite
du -sh "$WORK"/*.parquet "$WORK/predict"
