#!/usr/bin/env bash
# The bus against Vert.x at replicas 1, 8 and 64, before (BEFORE_JAR: the runtime of 8588fb9 with this
# commit's benchmark sources) and after (AFTER_JAR: this commit), one JVM at a time in turn, ROUNDS rounds.
# Each JVM: 4 x 2 s warm-up, 2 x 2 s measured. requestReply16Threads (16 blocking platform threads) is left
# out on both sides: it is neither side's best with 16 callers (virtual threads are ours, chains Vert.x's).
#
#   BEFORE_JAR=/tmp/base.jar AFTER_JAR=benchmarks/target/benchmarks.jar ROUNDS=2 \
#     benchmarks/results/bus-replicas-2026-12-04/run.sh
# A jar of another runtime: `git worktree add /tmp/base 8588fb9`, copy benchmarks/src over it, install its
# runtime and package its benchmarks; then install this one's again.
set -euo pipefail
out="$(dirname "$0")"
java="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java"
ours='^io.managerhandlers.benchmarks.BusBenchmark.(requestReply1Thread|requestReply16Virtual|asyncWindow|fireAndForget|fireAndForgetFromInside)$'
vertx='^io.managerhandlers.benchmarks.VertxBusBenchmark.(requestReply1Thread|requestReply16Virtual|asyncWindow|fireAndForget|fireAndForgetFromInside)$'
run() {  # jar, regex, result name
  "$java" -jar "$1" "$2" -p replicas=1,8,64 -f 1 -wi 4 -w 2s -i 2 -r 2s -rf json -rff "$out/$3.json" > "$out/$3.txt" 2>&1
  echo "$(date +%T) $3 done (load $(cut -d' ' -f1 /proc/loadavg))"
}
for round in $(seq 1 "${ROUNDS:-2}"); do
  run "$BEFORE_JAR" "$ours" "before-$round"
  run "$AFTER_JAR" "$ours" "after-$round"
  run "$AFTER_JAR" "$vertx" "vertx-$round"
done
