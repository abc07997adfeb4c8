#!/usr/bin/env bash
# Issue 13, the bus alone again (after run.sh, which showed two scenarios 10-12 % apart): the same JMH settings,
# /tmp/bench-base.jar (747ce62) and /tmp/bench-new.jar (main after the architecture step) built as run.sh says,
# one JVM each in turn, ROUNDS rounds (default 4); results in bus-again-<side>-<round>.json and summary-bus-again.txt.
set -euo pipefail
cd "$(dirname "$0")/../../.."
. benchmarks/common.sh
ROUNDS=${1:-4}
OUT=benchmarks/results/arch-2026-12-04
BUS='io.managerhandlers.benchmarks.BusBenchmark.(requestReply1Thread|requestReply16Threads|requestReply16Virtual|asyncWindow|fireAndForget|fireAndForgetFromInside)$'
echo "# $(date -Is) load average $(cut -d' ' -f1-3 /proc/loadavg); JDK $("$JAVA" -version 2>&1 | head -1)" | tee "$OUT/summary-bus-again.txt"
for r in $(seq 1 "$ROUNDS"); do
  for side in base new; do
    "$JAVA" -jar /tmp/bench-$side.jar "$BUS" -f 1 -wi 3 -w 1s -i 4 -r 1s -rf json -rff "$OUT/bus-again-$side-$r.json" \
      > /tmp/bus-again.txt 2>&1 || { tail -20 /tmp/bus-again.txt; exit 1; }
  done
done
benchmarks/jmh-medians.py --label bus before "$OUT/bus-again-base-{r}.json" after "$OUT/bus-again-new-{r}.json" "$ROUNDS" \
  | tee -a "$OUT/summary-bus-again.txt"
echo "# load average after $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/summary-bus-again.txt"
