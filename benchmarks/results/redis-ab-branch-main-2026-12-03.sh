#!/usr/bin/env bash
# Paired A/B: this branch's runtime against main's, RedisAlternating at 16 in flight, JVMs alternating.
set -u
. /work/wt/redis/bin/find-jdk.sh >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
d=$(mktemp -d)
redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$d" --logfile "$d/r.log" &
rp=$!
sleep 0.5
for jvm in 1 2; do
  for side in branch main; do
    jar=/work/wt/redis/benchmarks/target/benchmarks.jar; [ $side = main ] && jar=/tmp/benchmarks-main.jar
    echo "# JVM $jvm $side (load $(cut -d' ' -f1 /proc/loadavg))"
    MH_BENCH_REDIS="redis://127.0.0.1:$port" "$JAVA_HOME/bin/java" -Xms1g -Xmx1g -cp $jar \
      io.managerhandlers.benchmarks.RedisAlternating 16 6 2 3 2>/dev/null | grep -E "^  (ours|rawPingPong)|ours / rawPingPong"
  done
done
kill $rp
