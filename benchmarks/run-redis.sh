#!/usr/bin/env bash
# Builds the runtime and the benchmarks, starts a redis-server of its own (free loopback port, persistence
# off), then runs the Redis request/reply benchmarks (ours through Remote / Endpoint.remote(), raw Lettuce
# ping-pong, the per-request-subscription design) in one JMH run, and writes
# benchmarks/results/redis-<date>.json. The redis-server is stopped on exit.
#
#   benchmarks/run-redis.sh                                   # the full run: 2 forks, 5×2 s warmup, 5×2 s measured
#   benchmarks/run-redis.sh -f 1 -i 3                         # a shorter run (say so when you quote it)
#   benchmarks/run-redis.sh -p inFlight=16                    # one level of concurrency
#   SKIP_BUILD=1 benchmarks/run-redis.sh ...                  # reuse benchmarks/target/benchmarks.jar
#   RESULTS=benchmarks/results/x.json benchmarks/run-redis.sh # another result file
#   BENCH='RedisBenchmark.(ours|rawPingPong.*)$' benchmarks/run-redis.sh   # a subset (a JMH regex)
#   ALTERNATING=1 JVMS=3 benchmarks/run-redis.sh 16 12 2 4  # paired: all methods in turn in each JVM (RedisAlternating)
#   METHODS=ours,rawPingPongBlocking,rawPingPong ALTERNATING=1 ...  # paired, those methods only
#   JVM_OPTS=-Dio.netty.eventLoopThreads=4 ALTERNATING=1 ...   # options for the paired JVMs (here: raw Lettuce with 4 event loops)
#   TOPOLOGIES=1 benchmarks/run-redis.sh 8 2 3               # single server against a Cluster, dispatch with WAIT (RedisTopologies)
#
# Extra arguments go to JMH after the defaults, so they override them. Finds a JDK 21+ like bin/test does.
# Needs redis-server (Debian: apt-get install redis-server).
set -euo pipefail
. "$(dirname "$0")/common.sh"
echo "Using JDK at $JAVA_HOME ($("$JAVA" -version 2>&1 | head -1))"
command -v redis-server >/dev/null 2>&1 || { echo "redis-server is not installed (Debian: apt-get install redis-server)" >&2; exit 1; }
build

port=$(free_port)
redis_dir=$(mktemp -d)
redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$redis_dir" \
  --logfile "$redis_dir/redis.log" &
redis_pid=$!
trap 'kill "$redis_pid" 2>/dev/null || true; wait "$redis_pid" 2>/dev/null || true; rm -rf "$redis_dir"' EXIT
for _ in $(seq 1 100); do
  redis-cli -p "$port" ping >/dev/null 2>&1 && break
  sleep 0.05
done
redis-cli -p "$port" ping >/dev/null || { echo "redis-server did not start: $(cat "$redis_dir/redis.log")" >&2; exit 1; }
echo "redis-server $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/') on 127.0.0.1:$port (persistence off)"

mkdir -p benchmarks/results
results="${RESULTS:-benchmarks/results/redis-$(date +%F).json}"

# Benchmarks on a busy machine measure the other processes. Say so, loudly, but run anyway.
load=$(cut -d' ' -f1 /proc/loadavg)
load_warning

# The shapes of Redis (RedisTopologies): the single server above against a three-master Cluster, and
# dispatches on a master with one replica with and without WAIT. Arguments: [rounds] [seconds] [warm-up].
if [ "${TOPOLOGIES:-0}" = 1 ]; then
  extra_pids=()
  trap 'kill "$redis_pid" "${extra_pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$redis_dir"' EXIT
  start_node() {  # start_node PORT [args...]: a redis-server in $redis_dir, answering PING
    local node_port="$1"; shift
    redis-server --port "$node_port" --bind 127.0.0.1 --save "" --appendonly no --dir "$redis_dir" \
      --logfile "$redis_dir/redis-$node_port.log" "$@" &
    extra_pids+=($!)
    for _ in $(seq 1 100); do redis-cli -p "$node_port" ping >/dev/null 2>&1 && return 0; sleep 0.05; done
    echo "redis-server on $node_port did not start" >&2; return 1
  }
  cluster_ports=()
  for i in 1 2 3; do
    p=$(free_port)
    # A Cluster node's bus listens 10000 above its port, so the port must be at most 55535.
    while [ "$p" -gt 55535 ]; do p=$(free_port); done
    cluster_ports+=("$p")
    start_node "$p" --cluster-enabled yes --cluster-config-file "nodes-$p.conf"
  done
  redis-cli --cluster create $(printf '127.0.0.1:%s ' "${cluster_ports[@]}") --cluster-yes >/dev/null
  for p in "${cluster_ports[@]}"; do
    for _ in $(seq 1 200); do redis-cli -p "$p" cluster info | grep -q cluster_state:ok && break; sleep 0.05; done
  done
  master_port=$(free_port); start_node "$master_port"
  replica_port=$(free_port); start_node "$replica_port" --replicaof 127.0.0.1 "$master_port"
  for _ in $(seq 1 200); do redis-cli -p "$replica_port" info replication | grep -q master_link_status:up && break; sleep 0.05; done
  out="${RESULTS:-benchmarks/results/redis-topologies-$(date +%F-%H%M).txt}"
  echo "# $(date -Is) single 127.0.0.1:$port; Cluster ${cluster_ports[*]}; master $master_port + replica $replica_port; JDK $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); load average $load" \
    | tee "$out"
  MH_BENCH_REDIS="redis://127.0.0.1:$port" \
  MH_BENCH_REDIS_CLUSTER="redis-cluster://127.0.0.1:${cluster_ports[0]},127.0.0.1:${cluster_ports[1]}" \
  MH_BENCH_REDIS_REPLICATED="redis://127.0.0.1:$master_port" \
    "$JAVA_HOME/bin/java" -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar \
    io.managerhandlers.benchmarks.RedisTopologies "$@" 2> "$redis_dir/jvm.err" | tee -a "$out" \
    || { tail -20 "$redis_dir/jvm.err" >&2; exit 1; }
  echo "Results: $out (load average after: $(cut -d' ' -f1-3 /proc/loadavg))"
  exit 0
fi

# Paired instead of JMH: every method in turn, round after round, in each of JVMS fresh JVMs (see
# RedisAlternating for why). Arguments: [inFlight] [rounds] [seconds per method per round] [warm-up rounds].
if [ "${ALTERNATING:-0}" = 1 ]; then
  out="${RESULTS:-benchmarks/results/redis-alternating-$(date +%F-%H%M).txt}"
  echo "# $(date -Is) redis-server on 127.0.0.1:$port; JDK $("$JAVA_HOME/bin/java" -version 2>&1 | head -1); JVM options: ${JVM_OPTS:-none}; load average $load" \
    | tee "$out"
  for jvm in $(seq 1 "${JVMS:-3}"); do
    echo "# JVM $jvm of ${JVMS:-3}" | tee -a "$out"
    # shellcheck disable=SC2086  # JVM_OPTS: several options, split on spaces
    MH_BENCH_REDIS="redis://127.0.0.1:$port" "$JAVA_HOME/bin/java" -Xms1g -Xmx1g ${JVM_OPTS:-} -Dmh.bench.methods="${METHODS:-}" \
      -cp benchmarks/target/benchmarks.jar io.managerhandlers.benchmarks.RedisAlternating "$@" \
      2> "$redis_dir/jvm.err" | tee -a "$out" \
      || { tail -20 "$redis_dir/jvm.err" >&2; exit 1; }
  done
  echo "Results: $out (load average after: $(cut -d' ' -f1-3 /proc/loadavg))"
  exit 0
fi

# Every side in one run, same JVM flags (set by @Fork: -Xms1g -Xmx1g), same redis-server.
MH_BENCH_REDIS="redis://127.0.0.1:$port" "$JAVA_HOME/bin/java" -jar benchmarks/target/benchmarks.jar \
  "${BENCH:-RedisBenchmark}" -rf json -rff "$results" "$@"
echo "Results: $results (load average before the run: $load; after: $(cut -d' ' -f1-3 /proc/loadavg))"
