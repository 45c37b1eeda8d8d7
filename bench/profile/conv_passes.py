#!/usr/bin/env python3
"""Reads a Chrome trace of N training steps (libtorch's, from StepProfile.java or seg4j train
--profile-steps; or torch.profiler's, from profile_step_pytorch.py) and prints the convolutions
whose backward pass took longest in the last step, each beside its own forward pass. Autograd runs
the backward passes in reverse order of the forward ones on one thread, which pairs them.

    conv_passes.py TRACE.json [STEPS=2]
"""
import json
import sys


def slowest(trace, steps, top=10):
    """The table of the `top` slowest convolution backward passes of the last of `steps` steps."""
    data = json.load(open(trace))
    events = sorted((e for e in (data['traceEvents'] if isinstance(data, dict) else data)
                     if e.get('ph') == 'X' and 'dur' in e), key=lambda e: e['ts'])
    fwd = [e for e in events if e['name'] == 'aten::convolution']
    bwd = [e for e in events if e['name'] == 'aten::convolution_backward']
    n = len(fwd) // steps
    if not n or len(bwd) != len(fwd):
        sys.exit(f"{trace}: {len(fwd)} convolution forward and {len(bwd)} backward passes over {steps} steps; "
                 "cannot pair them")
    last_f, last_b = fwd[-n:], bwd[-n:]
    pairs = sorted(((last_b[n - 1 - i]['dur'], last_f[i]['dur'], i) for i in range(n)), reverse=True)
    lines = [f"slowest convolution backward passes (last step; convolution i = i-th in forward order, of {n}):"]
    for b, f, i in pairs[:top]:
        lines.append(f"  convolution {i:3d}: forward {f / 1000:6.1f} ms, backward {b / 1000:6.1f} ms ({b / max(f, 1):.0f}x)")
    return "\n".join(lines)


if __name__ == "__main__":
    print(slowest(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2))
