#!/usr/bin/env python3
"""Medians of alternating JMH runs, one side against another: each benchmark's scores per round and the
ratio of the medians.

    jmh-medians.py [--label L] BEFORE_NAME BEFORE_PATTERN AFTER_NAME AFTER_PATTERN ROUNDS

A pattern names one round's JSON file (`-rf json`) with {r} for the round, 1..ROUNDS. Prints, per benchmark
(its method name and parameters), "L name: BEFORE_NAME x / y / ...; AFTER_NAME ...; AFTER_NAME/BEFORE_NAME ratio".
"""
import argparse
import json
import statistics


def scores(pattern, rounds):
    res = {}
    for r in range(1, rounds + 1):
        for b in json.load(open(pattern.format(r=r))):
            name = b["benchmark"].rsplit(".", 1)[1] + "".join(f"[{k}={v}]" for k, v in b.get("params", {}).items())
            res.setdefault(name, []).append(b["primaryMetric"]["score"])
    return res


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--label", default="")
    parser.add_argument("before_name")
    parser.add_argument("before_pattern")
    parser.add_argument("after_name")
    parser.add_argument("after_pattern")
    parser.add_argument("rounds", type=int)
    a = parser.parse_args()
    before, after = scores(a.before_pattern, a.rounds), scores(a.after_pattern, a.rounds)
    prefix = f"{a.label} " if a.label else ""
    for name in sorted(before):
        b, n = statistics.median(before[name]), statistics.median(after[name])
        print(f"{prefix}{name}: {a.before_name} {' / '.join(f'{x:,.0f}' for x in before[name])}; "
              f"{a.after_name} {' / '.join(f'{x:,.0f}' for x in after[name])}; "
              f"{a.after_name}/{a.before_name} {n / b:.2f}")


main()
