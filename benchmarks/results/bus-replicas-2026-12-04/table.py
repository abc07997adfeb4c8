#!/usr/bin/env python3
"""The table of docs/BENCHMARKS.md from run.sh's JSON: per replica count, each side at its best per scenario.

Per JVM (one result file per side and round) a scenario's score is the best of the calling styles that
answer it (request/reply with one caller: a blocking thread or one asynchronous chain; with 16 callers:
16 virtual threads or 16 chains; fire and forget: sent from a platform thread or from inside), and for
Vert.x also the best of its two placements (chains on the consumer's event loop or another). Printed: the
median over the rounds, the range, and ours / Vert.x, both against Vert.x at the same instance count and
against Vert.x at its best over every instance count.
"""
import glob, json, os, statistics, sys
from collections import defaultdict

here = os.path.dirname(os.path.abspath(__file__))
SCENARIOS = {
    "request/reply, 1 caller": [("requestReply1Thread", {}), ("asyncWindow", {"inFlight": "1"})],
    "request/reply, 16 callers": [("requestReply16Virtual", {}), ("asyncWindow", {"inFlight": "16"})],
    "fire and forget": [("fireAndForget", {}), ("fireAndForgetFromInside", {})],
}

def load(side):
    rounds = []
    for path in sorted(glob.glob(os.path.join(here, side + "-*.json"))):
        scores = defaultdict(list)   # (method, replicas, params) -> score
        for r in json.load(open(path)):
            method = r["benchmark"].rsplit(".", 1)[1]
            params = dict(r.get("params", {}))
            replicas = params.pop("replicas")
            scores[(method, replicas)].append((params, r["primaryMetric"]["score"]))
        rounds.append(scores)
    return rounds

def best(scores, scenario, replicas):
    values = []
    for method, want in SCENARIOS[scenario]:
        for params, score in scores.get((method, replicas), []):
            if all(params.get(k) == v for k, v in want.items()):
                values.append(score)
    return max(values) if values else None

def per_round(rounds, scenario, replicas):
    return [v for v in (best(s, scenario, replicas) for s in rounds) if v is not None]

def fmt(v):
    return f"{v / 1e6:.2f}M" if v >= 1e6 else f"{v / 1e3:.0f}k"

sides = {side: load(side) for side in ("before", "after", "vertx")}
print("| replicas | scenario | before (8588fb9) | after | Vert.x, as many instances | Vert.x at its best, any count | after ÷ Vert.x same count | after ÷ Vert.x at its best |")
print("|---:|---|---:|---:|---:|---:|---:|---:|")
for scenario in SCENARIOS:
    vertx_any = statistics.median([max(best(s, scenario, n) or 0 for n in ("1", "8", "64")) for s in sides["vertx"]])
    for replicas in ("1", "8", "64"):
        cells = {}
        for side, rounds in sides.items():
            values = per_round(rounds, scenario, replicas)
            cells[side] = (statistics.median(values), min(values), max(values)) if values else None
        def cell(side):
            c = cells[side]
            return f"{fmt(c[0])} ({fmt(c[1])}–{fmt(c[2])})" if c else "–"
        ratio_same = cells["after"][0] / cells["vertx"][0]
        ratio_any = cells["after"][0] / vertx_any
        print(f"| {replicas} | {scenario} | {cell('before')} | {cell('after')} | {cell('vertx')} | {fmt(vertx_any)} "
              f"| {ratio_same:.2f} | **{ratio_any:.2f}** |")
