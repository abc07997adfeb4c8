#!/usr/bin/env bash
# Issue 13 (the architecture step): the runtime before it (747ce62) against after it, side by side in one
# run, alternating JVMs: the bus (JMH), the HTTP front (wrk against FrameworkServer, with hand-written Helidon
# beside it) and Redis request/reply at 16 in flight (JMH). Each side is the benchmarks jar built against
# its own runtime:
#   git worktree add /tmp/base 747ce62 && (cd /tmp/base && ./mvnw -q install -DskipTests -pl annotations,runtime -am \
#     && ./mvnw -q -f benchmarks/pom.xml package) && cp /tmp/base/benchmarks/target/benchmarks.jar /tmp/bench-base.jar
#   (the same on main) -> /tmp/bench-new.jar
#   benchmarks/results/arch-2026-12-04/run.sh [rounds, default 3]
set -euo pipefail
cd "$(dirname "$0")/../../.."
. benchmarks/common.sh
ROUNDS=${1:-3}
OUT=benchmarks/results/arch-2026-12-04
WORK=$(mktemp -d)
redis_dir=$(mktemp -d)
trap 'stop_server; kill "${redis_pid:-0}" 2>/dev/null || true; rm -rf "$WORK" "$redis_dir"' EXIT
echo "# $(date -Is) load average $(cut -d' ' -f1-3 /proc/loadavg); JDK $("$JAVA" -version 2>&1 | head -1)" | tee "$OUT/summary.txt"

BUS='io.managerhandlers.benchmarks.BusBenchmark.(requestReply1Thread|requestReply16Threads|requestReply16Virtual|asyncWindow|fireAndForget|fireAndForgetFromInside)$'
port=$(free_port)
redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$redis_dir" --logfile "$redis_dir/redis.log" &
redis_pid=$!
for _ in $(seq 1 100); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.05; done

http_rps() {   # http_rps JAR CLASS -> requests/s (10 s warm-up, 15 s measured, server on CPU 1, wrk on CPU 0)
  local p; p=$(free_port)
  JAR=$1 SERVER_CPUS=1 start_server "$2" "$2" "$p"
  local url="http://127.0.0.1:$p/quote"
  taskset -c 0 wrk -t1 -c64 -d10s -s benchmarks/http/quote.lua "$url" > /dev/null
  taskset -c 0 wrk -t1 -c64 -d15s -s benchmarks/http/quote.lua "$url" | awk '/Requests\/sec/ {print $2}'
  stop_server
}

for r in $(seq 1 "$ROUNDS"); do
  for side in base new; do
    "$JAVA" -jar /tmp/bench-$side.jar "$BUS" -f 1 -wi 3 -w 1s -i 4 -r 1s -rf json -rff "$OUT/bus-$side-$r.json" \
      > "$WORK/bus.txt" 2>&1 || { tail -20 "$WORK/bus.txt"; exit 1; }
    MH_BENCH_REDIS="redis://127.0.0.1:$port" "$JAVA" -jar /tmp/bench-$side.jar 'RedisBenchmark.ours$' -p inFlight=16 \
      -f 1 -wi 4 -w 2s -i 5 -r 2s -rf json -rff "$OUT/redis-$side-$r.json" > "$WORK/redis.txt" 2>&1 \
      || { tail -20 "$WORK/redis.txt"; exit 1; }
    echo "round $r $side http $(http_rps /tmp/bench-$side.jar FrameworkServer)" | tee -a "$OUT/summary.txt"
  done
  echo "round $r helidon http $(http_rps /tmp/bench-new.jar PlainHelidonServer)" | tee -a "$OUT/summary.txt"
done
for kind in bus redis; do
  benchmarks/jmh-medians.py --label "$kind" before "$OUT/$kind-base-{r}.json" after "$OUT/$kind-new-{r}.json" "$ROUNDS" \
    | tee -a "$OUT/summary.txt"
done
python3 - "$OUT" <<'PY' | tee -a "$OUT/summary.txt"
import sys, statistics, re
out = sys.argv[1]
http = {}
for line in open(f"{out}/summary.txt"):
    m = re.match(r"round \d+ (\w+) http ([\d.]+)", line)
    if m:
        http.setdefault(m.group(1), []).append(float(m.group(2)))
if http:
    b, n, h = (statistics.median(http[k]) for k in ("base", "new", "helidon"))
    print(f"http FrameworkServer: before {' / '.join(f'{x:,.0f}' for x in http['base'])}; after {' / '.join(f'{x:,.0f}' for x in http['new'])}; after/before {n / b:.2f}; helidon {' / '.join(f'{x:,.0f}' for x in http['helidon'])}; after/helidon {n / h:.2f}")
PY
echo "# load average after $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/summary.txt"
