#!/usr/bin/env bash
# Many clients POSTing JSON bodies near maxJsonBytes at once to a service in a small heap (issue 19).
# Usage: CP=<class path with runtime classes and test classes> large-bodies.sh [clients] [rounds] [MiB] [heap]
# The service is GreetServerMain (runtime's tests): one String handler that answers "Hello, <body>!", every
# default (maxJsonBytes 16 MiB, maxInFlightBodyBytes an eighth of the heap). Each client is curl, sending the
# whole body; the script counts the statuses, checks each 200 is whole, greps the server's output for
# OutOfMemoryError and asks a small request afterwards.
set -euo pipefail
clients=${1:-16}; rounds=${2:-3}; mib=${3:-16}; heap=${4:-256m}
: "${CP:?set CP to the class path of the runtime tests}"
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
head -c $((mib << 20)) /dev/zero | tr '\0' a > "$work/body"
"$java" -Xmx"$heap" -cp "$CP" io.managerhandlers.hardening.GreetServerMain key > "$work/server.log" 2>&1 &
server=$!
for _ in $(seq 1 600); do grep -q '^LISTENING ' "$work/server.log" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/^LISTENING //p' "$work/server.log")
whole=$(((mib << 20) + 36))   # {"status":"Ok","message":"Hello, <body>!"}
start=$(date +%s.%N)
for round in $(seq 1 "$rounds"); do
  pids=()
  for i in $(seq 1 "$clients"); do
    { curl -s -o /dev/null -H 'Authorization: Bearer key' -H 'Expect:' --data-binary @"$work/body" \
        -w '%{http_code} %{size_download}\n' "http://127.0.0.1:$port/greet" || echo "000 0"; } >> "$work/answers" &
    pids+=($!)
  done
  wait "${pids[@]}" || true
done
end=$(date +%s.%N)
after=$(curl -s -H 'Authorization: Bearer key' -d Ada "http://127.0.0.1:$port/greet")
rss=$(ps -o rss= -p "$server")
echo "clients=$clients rounds=$rounds body=${mib}MiB heap=$heap: $(echo "$end - $start" | bc) s"
echo "answers (status count):"; awk '{print $1}' "$work/answers" | sort | uniq -c
echo "200s not whole: $(awk -v w=$whole '$1==200 && $2!=w' "$work/answers" | wc -l)"
echo "OutOfMemoryError lines in the server's output: $(grep -c OutOfMemoryError "$work/server.log" || true)"
echo "afterwards: $after"
echo "server RSS: $(( rss / 1024 )) MiB"
