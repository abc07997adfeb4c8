#!/usr/bin/env bash
# The cost of the framework over plain Helidon: the same route (POST /quote, a small JSON record in and out,
# behind an API key) served by the framework (FrameworkServer) and written by hand on Helidon 4.5.0 SE
# (PlainHelidonServer), same JVM flags, in alternating runs A B A B ... Each run: a fresh JVM, WARMUP s of
# load, then DURATION s measured with wrk -t1 -cCONNECTIONS on loopback. The server is pinned to CPU 1 and
# wrk to CPU 0 (2 cores here), so they do not fight over one core.
#
#   benchmarks/run-http-overhead.sh                      # 4 pairs, 64 connections, 10 s warm-up, 15 s measured
#   RUNS=2 DURATION=10 benchmarks/run-http-overhead.sh   # shorter
#   SKIP_BUILD=1 ...                                     # reuse benchmarks/target/benchmarks.jar
set -euo pipefail
. "$(dirname "$0")/common.sh"
RUNS=${RUNS:-4}; CONNECTIONS=${CONNECTIONS:-64}; WARMUP=${WARMUP:-10}; DURATION=${DURATION:-15}
SERVER_CPUS=${SERVER_CPUS:-1}; WRK_CPUS=${WRK_CPUS:-0}
build
WORK=$(mktemp -d); trap 'stop_server; rm -rf "$WORK"' EXIT
mkdir -p benchmarks/results
out="benchmarks/results/http-overhead-$(date +%F-%H%M).txt"
load_warning
{
  echo "# $(date -Is) JDK $("$JAVA" -version 2>&1 | head -1); flags ${JVM_FLAGS[*]}"
  echo "# server on CPU $SERVER_CPUS, wrk -t1 -c$CONNECTIONS on CPU $WRK_CPUS, warm-up ${WARMUP}s, measured ${DURATION}s"
  echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out"

measure() {   # measure CLASS -> prints requests/s, checks the answer
  local port; port=$(free_port)
  start_server "$1" "$1" "$port"
  local url="http://127.0.0.1:$port/quote"
  local answer
  answer=$(curl -s -H 'Authorization: Bearer secret' -H 'Content-Type: application/json' \
    -d '{"sku":"apple","quantity":3}' "$url")
  [ "$answer" = '{"status":"Ok","message":{"sku":"apple","quantity":3,"totalCents":150}}' ] \
    || { echo "$1 answered $answer" >&2; exit 1; }
  taskset -c "$WRK_CPUS" wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" -s benchmarks/http/quote.lua "$url" > /dev/null
  taskset -c "$WRK_CPUS" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s benchmarks/http/quote.lua "$url" \
    > "$WORK/wrk.txt"
  local rps non2xx errors p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$WORK/wrk.txt"); non2xx=${non2xx:-0}
  errors=$(awk '/Socket errors/ {print}' "$WORK/wrk.txt"); errors=${errors:-none}
  p50=$(awk '$1=="50%" {print $2}' "$WORK/wrk.txt"); p99=$(awk '$1=="99%" {print $2}' "$WORK/wrk.txt")
  stop_server
  echo "$1 rps=$rps p50=$p50 p99=$p99 non2xx=$non2xx socket_errors=$errors" | tee -a "$out" >&2
  echo "$rps"
}

ratios=()
for i in $(seq 1 "$RUNS"); do
  a=$(measure FrameworkServer)
  b=$(measure PlainHelidonServer)
  r=$(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.3f", a / b }')
  ratios+=("$r")
  echo "pair $i: framework $a / helidon $b = $r" | tee -a "$out"
done
echo "ratios: ${ratios[*]}" | tee -a "$out"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$out"
echo "Results: $out"
