#!/usr/bin/env bash
# Where a training step's time goes: bench/profile/profile_step.sh MODEL ENCODER [HEIGHT WIDTH STEPS OUT_DIR]
# Times StepTiming's step (batch 8, random data), prints libtorch's per-operator self times and the
# slowest convolution backward passes.
# Run with nothing else on the machine.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MODEL="${1:?usage: profile_step.sh MODEL ENCODER [HEIGHT WIDTH STEPS OUT_DIR]}"; ENC="${2:?encoder}"
H="${3:-176}"; W="${4:-240}"; STEPS="${5:-8}"; OUT="${6:-runs/profile}"
"$HERE/seg4j" --help > /dev/null   # builds the CLI jar if needed
mkdir -p "$OUT"
T="$HERE/seg4j-cli/target"
OMP_WAIT_POLICY=PASSIVE java -Dai.djl.offline=true -cp "$T/seg4j.jar:$T/lib/*" "$HERE/bench/profile/StepProfile.java" \
    "$MODEL" "$ENC" "$H" "$W" "$STEPS" "$OUT/$MODEL-trace.json" 2>&1 | grep -v WARN
python3 "$HERE/bench/profile/conv_passes.py" "$OUT/$MODEL-trace.json" 2
