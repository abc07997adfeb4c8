#!/usr/bin/env python3
"""The table of docs/BENCHMARKS.md from one JMH run of BusBenchmark and VertxBusBenchmark with 3 forks.

Per replica count each side is taken at its best per scenario, as in ../bus-replicas-2026-12-04/table.py:
request/reply with one caller is the better of a blocking thread and one asynchronous chain, with 16 callers
the better of 16 virtual threads and 16 chains, fire and forget the better of sending from a platform thread
and from inside; Vert.x also the better of its two placements. A cell's score is JMH's (the mean over the
forks' iterations); the range is that of the forks' means. "Vert.x at its best" is its best over every
instance count.

    python3 table.py               # the run beside this script
    python3 table.py <directory>   # another run's bus-and-vertx.json, e.g. ../bus-3forks-2026-12-04-1840
"""
import json, os, statistics, sys
from collections import defaultdict

here = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.abspath(__file__))
SCENARIOS = {
    "request/reply, 1 caller": [("requestReply1Thread", {}), ("asyncWindow", {"inFlight": "1"})],
    "request/reply, 16 callers": [("requestReply16Virtual", {}), ("asyncWindow", {"inFlight": "16"})],
    "fire and forget": [("fireAndForget", {}), ("fireAndForgetFromInside", {})],
}

sides = {"ours": defaultdict(list), "vertx": defaultdict(list)}
for r in json.load(open(os.path.join(here, "bus-and-vertx.json"))):
    cls, method = r["benchmark"].rsplit(".", 2)[-2:]
    side = "vertx" if cls.startswith("Vertx") else "ours"
    params = dict(r.get("params", {}))
    replicas = params.pop("replicas")
    forks = [statistics.mean(fork) for fork in r["primaryMetric"]["rawData"]]
    sides[side][(method, replicas)].append((params, r["primaryMetric"]["score"], min(forks), max(forks)))

def best(side, scenario, replicas):
    found = [entry[1:] for method, want in SCENARIOS[scenario]
             for entry in sides[side].get((method, replicas), [])
             if all(entry[0].get(k) == v for k, v in want.items())]
    return max(found) if found else None

def fmt(v):
    return f"{v / 1e6:.2f}M" if v >= 1e6 else f"{v / 1e3:.0f}k"

print("| replicas | scenario | ours (forks) | Vert.x, as many instances | Vert.x at its best | ours ÷ same count | ours ÷ Vert.x at its best |")
print("|---:|---|---:|---:|---:|---:|---:|")
for scenario in SCENARIOS:
    vertx_best = max(best("vertx", scenario, n)[0] for n in ("1", "8", "64"))
    for replicas in ("1", "8", "64"):
        ours, vertx = best("ours", scenario, replicas), best("vertx", scenario, replicas)
        print(f"| {replicas} | {scenario} | {fmt(ours[0])} ({fmt(ours[1])}–{fmt(ours[2])}) | {fmt(vertx[0])} "
              f"| {fmt(vertx_best)} | {ours[0] / vertx[0]:.2f} | **{ours[0] / vertx_best:.2f}** |")
