#!/usr/bin/env bash
# The round's cost on the bus again, after the architecture step: main before this round (08d17c5) against
# main at 3e98d75, alternating JVMs, 4 rounds, the same JMH settings as run.sh. Jars: the benchmarks module
# built against each runtime (git worktree add /tmp/r08 08d17c5; install annotations,runtime; package
# benchmarks) as /tmp/bench-r08.jar and /tmp/bench-new2.jar. Results: again-<side>-<round>.json beside this.
set -euo pipefail
cd "$(dirname "$0")"
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
B='io.managerhandlers.benchmarks.BusBenchmark.(requestReply1Thread|requestReply16Threads|requestReply16Virtual|asyncWindow|fireAndForget|fireAndForgetFromInside)$'
echo "# $(date -Is) load average $(cut -d' ' -f1-3 /proc/loadavg)"
for r in 1 2 3 4; do
  for side in r08 new2; do
    $J -jar /tmp/bench-$side.jar "$B" -f 1 -wi 3 -w 1s -i 4 -r 1s -rf json -rff again-$side-$r.json > /tmp/again-$side-$r.txt 2>&1
  done
done
../../jmh-medians.py 08d17c5 "again-r08-{r}.json" main "again-new2-{r}.json" 4
echo "# load average after $(cut -d' ' -f1-3 /proc/loadavg)"
