#!/usr/bin/env bash
# Under load and attack, on loopback, against FrameworkServer (the framework's defaults: readTimeout 10 s,
# keepAlive 30 s, maxTcpConnections 10,000; requestTimeout 2 s, shutdownTimeout 10 s). Four parts, each
# with a fresh server; their numbers go to docs/RELIABILITY.md.
#
#   load       wrk -t2 -c256 -d15s on POST /quote: every answer 2xx, no socket errors; RSS and heap before
#              and after
#   slowloris  slowhttptest -H: 500 connections sending a header every 10 s for 25 s, while a probe request
#              is sent every second; the server's open connections counted every second
#   overload   256 connections on POST /work (4 replicas, 50 ms each) with maxRequests 64: 200 / 503 / 504
#              counts and latencies, then 4 connections after the burst
#   shutdown   wrk on /quote, 16 calls of 1.5 s in flight, then POST /shutdown: the calls in flight finish,
#              new requests get 503, the process exits within its drain deadline
#
#   benchmarks/run-reliability.sh                       # all four
#   PARTS="slowloris" SKIP_BUILD=1 benchmarks/run-reliability.sh
set -euo pipefail
. "$(dirname "$0")/common.sh"
PARTS=${PARTS:-load slowloris overload shutdown}
build
WORK=$(mktemp -d); trap 'stop_server; rm -rf "$WORK"' EXIT
mkdir -p benchmarks/results
out="benchmarks/results/reliability-$(date +%F-%H%M).txt"
load_warning
echo "# $(date -Is) JDK $("$JAVA" -version 2>&1 | head -1); flags ${JVM_FLAGS[*]}; load $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out"
log() { echo "$*" | tee -a "$out"; }
established() { ss -Htn state established "( sport = :$1 )" | wc -l; }
probe() {  # probe URL -> "status seconds"
  curl -s -o /dev/null -m 5 -w '%{http_code} %{time_total}' -H 'Authorization: Bearer secret' \
    -H 'Content-Type: application/json' -d '{"sku":"apple","quantity":3}' "$1" || echo "000 timeout"
}

part_load() {
  local port; port=$(free_port); start_server load FrameworkServer "$port"
  local url="http://127.0.0.1:$port/quote"
  wrk -t2 -c256 -d5s -s benchmarks/http/quote.lua "$url" > /dev/null           # warm-up
  log "## load: wrk -t2 -c256 -d15s POST /quote"
  log "before: RSS $(rss_kib "$SERVER_PID") KiB, heap $(heap_used "$SERVER_PID")"
  wrk -t2 -c256 -d15s --latency -s benchmarks/http/statuses.lua "$url" > "$WORK/load.txt"
  grep -E "Requests/sec|Socket errors|Non-2xx|STATUSES|LATENCY|requests in" "$WORK/load.txt" | tee -a "$out"
  grep -q "Socket errors" "$WORK/load.txt" || log "Socket errors: none"
  grep -q "Non-2xx" "$WORK/load.txt" || log "Non-2xx responses: none"
  log "after: RSS $(rss_kib "$SERVER_PID") KiB, heap $(heap_used "$SERVER_PID")"
  stop_server
}

part_slowloris() {
  local port; port=$(free_port); start_server slowloris FrameworkServer "$port"
  local url="http://127.0.0.1:$port/quote"
  log "## slowloris: slowhttptest -H -c 500 -r 500 -i 10 -l 25 against POST /quote, a probe every second"
  # slowhttptest ends once the server has closed all its connections: start it again until 25 s have passed,
  # so that 500 slow connections press on the server for the whole time.
  (
    end=$((SECONDS + 25)); wave=0
    while [ $SECONDS -lt $end ]; do
      wave=$((wave + 1))
      slowhttptest -H -c 500 -r 500 -i 10 -l $((end - SECONDS)) -t POST -u "$url" -x 24 -p 3 -g \
        -o "$WORK/slowloris-$wave" > "$WORK/slowhttptest-$wave.txt" 2>&1 || true
    done
  ) &
  local attack=$!
  local ok=0 failed=0
  for second in $(seq 1 27); do
    sleep 1
    local answer; answer=$(probe "$url")
    [ "${answer%% *}" = 200 ] && ok=$((ok + 1)) || failed=$((failed + 1))
    log "t=${second}s probe: $answer; server connections open: $(established "$port")"
  done
  wait "$attack" || true
  log "probes answered 200: $ok, failed: $failed"
  for csv in "$WORK"/slowloris-*.csv; do
    log "slowhttptest wave ${csv##*-} (seconds, closed, pending, connected, service available):"
    tail -n +2 "$csv" | tr '\n' ' ' | tee -a "$out"; echo | tee -a "$out"
    log "$(grep -E 'Exit status' "${csv%.csv}.txt" "$WORK/slowhttptest-${csv##*-}" 2>/dev/null | tail -1 | sed 's/\x1b\[[0-9;]*m//g')"
  done
  stop_server
}

part_overload() {
  local port; port=$(free_port); start_server overload FrameworkServer "$port" 64
  local url="http://127.0.0.1:$port/work"
  log "## overload: 256 connections on POST /work (4 replicas, 50 ms a call, requestTimeout 2 s, maxRequests 64)"
  BODY=50 wrk -t2 -c256 -d10s -s benchmarks/http/statuses.lua "$url" > "$WORK/overload.txt"
  grep -E "Requests/sec|Socket errors|STATUSES|LATENCY" "$WORK/overload.txt" | tee -a "$out"
  log "## after the burst: 4 connections, 5 s"
  BODY=50 wrk -t1 -c4 -d5s -s benchmarks/http/statuses.lua "$url" > "$WORK/after.txt"
  grep -E "Requests/sec|Socket errors|STATUSES|LATENCY" "$WORK/after.txt" | tee -a "$out"
  log "## beyond maxRequests: 256 connections on POST /slow (64 replicas, 500 ms a call, maxRequests 64)"
  BODY=500 wrk -t2 -c256 -d10s -s benchmarks/http/statuses.lua "http://127.0.0.1:$port/slow" > "$WORK/max.txt"
  grep -E "Requests/sec|Socket errors|STATUSES|LATENCY" "$WORK/max.txt" | tee -a "$out"
  stop_server
}

part_shutdown() {
  local port; port=$(free_port); start_server shutdown FrameworkServer "$port"
  local base="http://127.0.0.1:$port"
  log "## shutdown under load: wrk -c32 on /quote, 16 calls of 1.5 s in flight, then POST /shutdown"
  wrk -t1 -c32 -d12s -s benchmarks/http/statuses.lua "$base/quote" > "$WORK/shutdown-wrk.txt" 2>&1 &
  local wrk_pid=$!
  sleep 3
  for i in $(seq 1 16); do
    curl -s -o /dev/null -m 20 -w '%{http_code} %{time_total}\n' -H 'Authorization: Bearer secret' -d 1500 \
      "$base/slow" > "$WORK/slow-$i.txt" 2>&1 &
  done
  sleep 0.5
  local t0; t0=$(date +%s.%N)
  local answer; answer=$(curl -s -X POST -H 'Authorization: Bearer secret' "$base/shutdown")
  log "POST /shutdown -> $answer"
  sleep 0.3
  log "a new call while draining -> $(curl -s -m 5 -w ' %{http_code}' -H 'Authorization: Bearer secret' -d 1 "$base/work")"
  wait "$SERVER_PID" || true
  local t1; t1=$(date +%s.%N)
  log "process exited $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }') s after POST /shutdown (drain deadline 10 s)"
  wait
  log "the 16 calls in flight: $(cat "$WORK"/slow-*.txt | awk '{print $1}' | sort | uniq -c | tr '\n' ' ')"
  log "their durations (s): $(cat "$WORK"/slow-*.txt | awk '{printf "%s ", $2}')"
  grep -E "STATUSES|Socket errors|requests in" "$WORK/shutdown-wrk.txt" | tee -a "$out"
}

for part in $PARTS; do
  "part_$part"
done
echo "Results: $out"
