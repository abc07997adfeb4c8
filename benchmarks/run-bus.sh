#!/usr/bin/env bash
# Builds the runtime and the benchmarks, then runs the bus benchmarks (manager-handlers vs the Vert.x 5
# EventBus) in one JMH run, with the GC profiler, and writes benchmarks/results/bus-<date>.json.
#
#   benchmarks/run-bus.sh                                     # the full run: 3 forks, 5×2 s warmup, 5×2 s measured
#   benchmarks/run-bus.sh -f 1 -i 3 -r 1s                     # a short run, still warmed up (say so when you quote it)
#   SKIP_BUILD=1 benchmarks/run-bus.sh ...                    # reuse benchmarks/target/benchmarks.jar
#   RESULTS=benchmarks/results/x.json benchmarks/run-bus.sh   # another result file
#
#   BENCH='Bus.*requestReply' benchmarks/run-bus.sh           # a subset (a JMH regex; the default is 'Bus')
#
# Extra arguments go to JMH after the defaults, so they override them. Finds a JDK 21+ like bin/test does
# (JAVA_HOME first when it is recent enough).
set -euo pipefail
. "$(dirname "$0")/common.sh"
echo "Using JDK at $JAVA_HOME ($("$JAVA" -version 2>&1 | head -1))"
build

mkdir -p benchmarks/results
results="${RESULTS:-benchmarks/results/bus-$(date +%F).json}"

# Benchmarks on a busy machine measure the other processes. Say so, loudly, but run anyway.
load=$(cut -d' ' -f1 /proc/loadavg)
load_warning

# Both sides in one run, same JVM flags (set by @Fork on each class: -Xms1g -Xmx1g).
"$JAVA_HOME/bin/java" -jar benchmarks/target/benchmarks.jar "${BENCH:-Bus}" \
  -prof gc -rf json -rff "$results" "$@"
echo "Results: $results (load average before the run: $load; after: $(cut -d' ' -f1-3 /proc/loadavg))"
