#!/usr/bin/env python3
"""The PyTorch side of bench/profile: the same training step as StepProfile.java (torchvision's
lraspp_mobilenet_v3_large from scratch, 11 classes, batch 8 of random data, cross-entropy, AdamW),
timed over STEPS steps after 2 warm-up steps and then profiled for 2 more with torch.profiler;
prints the median step, the operators by self CPU time and the slowest convolution backward passes
(conv_passes.py on its Chrome trace). Run with the venv of bench/parity/README.md, nothing else on the machine:

    OMP_WAIT_POLICY=PASSIVE /tmp/parity-venv/bin/python bench/profile/profile_step_pytorch.py \
        [HEIGHT=176 WIDTH=240 STEPS=8 THREADS=2]
"""
import os
import statistics
import sys
import tempfile
import time

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "parity"))
sys.path.insert(0, HERE)
import conv_passes  # noqa: E402
import twins  # noqa: E402  (torchvision's model code, importable with the CPU torch)

defaults = [176, 240, 8, 2]
h, w, steps, threads = [int(a) for a in sys.argv[1:5]] + defaults[len(sys.argv[1:5]):]
torch.set_num_threads(threads)
torch.manual_seed(42)
model = twins.torchvision_lraspp(11).train()
opt = torch.optim.AdamW(model.parameters(), lr=1e-3)
x = torch.rand(8, 3, h, w)
y = torch.randint(0, 11, (8, h, w))


def step():
    opt.zero_grad(set_to_none=True)
    loss = F.cross_entropy(model(x)["out"], y, ignore_index=255)
    loss.backward()
    opt.step()


for _ in range(2):
    step()
ms = []
for _ in range(steps):
    t0 = time.perf_counter()
    step()
    ms.append((time.perf_counter() - t0) * 1000)
med = statistics.median(ms)
print(f"torch {torch.__version__}, {torch.get_num_threads()} threads: lraspp {h}x{w}, batch 8, {steps} steps: "
      f"median {med:.0f} ms, fastest {min(ms):.0f} ms ({8000 / med:.2f} images/s at the median)")
with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU]) as prof:
    for _ in range(2):
        step()
total = sum(e.self_cpu_time_total for e in prof.key_averages())
print(f"{total / 1000 / 2:.1f} ms per step in profiled operators (2 steps)\n")
print("| operator | self ms per step | share | calls per step |\n|---|---|---|---|")
for e in sorted(prof.key_averages(), key=lambda e: -e.self_cpu_time_total)[:25]:
    print(f"| `{e.key}` | {e.self_cpu_time_total / 1000 / 2:.1f} | {100 * e.self_cpu_time_total / total:.1f}% | "
          f"{e.count / 2:.0f} |")
with tempfile.TemporaryDirectory() as tmp:
    trace = os.path.join(tmp, "trace.json")
    prof.export_chrome_trace(trace)
    print("\n" + conv_passes.slowest(trace, 2))
