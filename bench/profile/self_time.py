#!/usr/bin/env python3
"""Reads a libtorch Chrome trace of N training steps (StepProfile.java) and prints, per step,
each operator's self time (its time less that of the operators it called) and the convolutions
whose backward pass took longest, each beside its forward pass.

    self_time.py TRACE.json [STEPS=2] [TOP=25]
"""
import collections
import json
import sys

trace, steps = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 2
top = int(sys.argv[3]) if len(sys.argv) > 3 else 25
data = json.load(open(trace))
events = [e for e in (data['traceEvents'] if isinstance(data, dict) else data) if e.get('ph') == 'X' and 'dur' in e]
by_thread = collections.defaultdict(list)
for e in events:
    by_thread[e.get('tid')].append(e)
self_us, calls, total = collections.Counter(), collections.Counter(), 0
for es in by_thread.values():
    es.sort(key=lambda e: (e['ts'], -e['dur']))
    stack = []
    for e in es:
        while stack and stack[-1]['ts'] + stack[-1]['dur'] <= e['ts']:
            stack.pop()
        e['self'] = e['dur']
        if stack:
            stack[-1]['self'] -= e['dur']
        else:
            total += e['dur']
        stack.append(e)
    for e in es:
        self_us[e['name']] += e['self']
        calls[e['name']] += 1
print(f"{total / 1000 / steps:.0f} ms per step in profiled operators")
for name, us in self_us.most_common(top):
    print(f"{us / 1000 / steps:8.1f} ms  {us / total:6.1%}  {calls[name] / steps:6.0f} calls  {name}")

# autograd runs the backward passes in reverse order of the forward ones (one thread here)
events.sort(key=lambda e: e['ts'])
fwd = [e for e in events if e['name'] == 'aten::convolution']
bwd = [e for e in events if e['name'] == 'aten::convolution_backward']
n = len(fwd) // steps
if n and len(bwd) == len(fwd):
    last_f, last_b = fwd[-n:], bwd[-n:]
    pairs = sorted(((last_b[n - 1 - i]['dur'], last_f[i]['dur'], i) for i in range(n)), reverse=True)
    print(f"\nslowest convolution backward passes (last step; convolution i = i-th in forward order, of {n}):")
    for b, f, i in pairs[:10]:
        print(f"  convolution {i:3d}: forward {f / 1000:6.1f} ms, backward {b / 1000:6.1f} ms ({b / max(f, 1):.0f}x)")
