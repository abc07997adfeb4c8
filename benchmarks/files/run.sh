#!/usr/bin/env bash
# The built-in file store beside nginx on the same file, over loopback with curl, and beside `cat` for the
# disk's own speed: several rounds, alternating nginx and the store, best of each and the ratios.
#
#   benchmarks/files/run.sh [size in MiB, default 512] [rounds, default 3]
#
# Per round: `cat` to a file (with and without `sync`), then nginx's WebDAV PUT and the store's upload (with
# Content-Length, then chunked), then nginx's GET (sendfile) and the store's download, each to /dev/null; the
# order of nginx and the store flips every round. The store hashes (SHA-256) and forces the file to disk
# before it answers; nginx does neither.
#
# BASELINE=<runtime classes directory> also runs a second store from those classes (say, main's, to compare a
# change with), in the same rounds, as "baseline upload" and "baseline download".
#
# DOWNLOAD_ROUNDS=<n> runs downloads only (see below); WARM_REQUESTS=<n> sets the requests that warm each
# store's JIT up first (default 2000).
#
# STRACE=1 adds one more upload and download of each server under `strace -c -f` and prints the read and
# write system calls per GiB.
#
# Needs curl, sha256sum, nginx (Debian nginx-light: its WebDAV module is enough), a JDK 21+ (JAVA_HOME, or
# the first one found) and the runtime installed, in a private repository if you like (then set
# MAVEN_REPO=/that/repository):
#   ./mvnw -B -q -N install && ./mvnw -B -q install -DskipTests -pl annotations,runtime
# The work directory (BENCH_DIR, default a new one under /tmp) holds the test file, nginx's root and the
# store, all on one disk, and is removed at the end. HEAP sets the server's -Xmx (default 256m).
set -euo pipefail

SIZE_MIB=${1:-512}
ROUNDS=${2:-3}
HEAP=${HEAP:-256m}
KEY=bench-key
ROOT=$(cd "$(dirname "$0")/../.." && pwd)

if [[ -z "${JAVA_HOME:-}" ]]; then
    for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25* /usr/lib/jvm/*21*; do
        if [[ -x "$candidate/bin/java" ]]; then JAVA_HOME=$candidate; break; fi
    done
fi
JAVA="$JAVA_HOME/bin/java"
[[ -d "$ROOT/runtime/target/classes" ]] || { echo "Build the runtime first (see the header of $0)" >&2; exit 1; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[[ -x "$NGINX" ]] || { echo "nginx is missing (Debian: apt-get install nginx-light)" >&2; exit 1; }

WORK=${BENCH_DIR:-$(mktemp -d /tmp/mh-files-bench.XXXXXX)}
mkdir -p "$WORK"
SERVER_PID=
NGINX_STARTED=
cleanup() {
    for pid in $SERVER_PID ${BASELINE_PID:-}; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    if [[ -n "$NGINX_STARTED" ]]; then "$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -s stop 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

CP_FILE="$WORK/classpath.txt"
(cd "$ROOT/runtime" && JAVA_HOME=$JAVA_HOME "$ROOT/mvnw" -B -q -o ${MAVEN_REPO:+-Dmaven.repo.local=$MAVEN_REPO} \
    dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$CP_FILE" >/dev/null 2>&1)
CP="$ROOT/runtime/target/classes:$(cat "$CP_FILE")"

BYTES=$((SIZE_MIB * 1024 * 1024))
DATA="$WORK/data.bin"
echo "Writing $SIZE_MIB MiB of random bytes to $DATA" >&2
head -c "$BYTES" /dev/urandom > "$DATA"
sync
EXPECTED=$(sha256sum "$DATA" | cut -d' ' -f1)

# nginx: its own prefix, config and free port, as the current user; PUT lands in html/, temp files beside it.
mkdir -p "$WORK/nginx/html" "$WORK/nginx/tmp" "$WORK/nginx/logs"
NGINX_PORT=$(free_port)
cat > "$WORK/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
daemon on;
events { worker_connections 64; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    client_max_body_size 0;
    client_body_temp_path $WORK/nginx/tmp;
    proxy_temp_path $WORK/nginx/tmp;
    fastcgi_temp_path $WORK/nginx/tmp;
    uwsgi_temp_path $WORK/nginx/tmp;
    scgi_temp_path $WORK/nginx/tmp;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $WORK/nginx/html;
        location / { dav_methods PUT DELETE; create_full_put_path on; }
    }
}
EOF
if [[ "$(id -u)" == 0 ]]; then sed -i "1i user $(id -un) $(id -gn);" "$WORK/nginx/nginx.conf"; fi
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf"
NGINX_STARTED=1
NGINX_URL="http://127.0.0.1:$NGINX_PORT/data.bin"

STORE="$WORK/store"
"$JAVA" -Xmx"$HEAP" -cp "$CP" "$ROOT/benchmarks/files/FileServer.java" "$STORE" 0 "$KEY" > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do grep -q LISTENING "$WORK/server.log" 2>/dev/null && break; sleep 0.1; done
PORT=$(grep LISTENING "$WORK/server.log" | cut -d' ' -f2)
[[ -n "$PORT" ]] || { cat "$WORK/server.log" >&2; exit 1; }
BASE="http://127.0.0.1:$PORT/stream"
BASELINE_PID=
if [[ -n "${BASELINE:-}" ]]; then
    "$JAVA" -Xmx"$HEAP" -cp "$BASELINE:$(cat "$CP_FILE")" "$ROOT/benchmarks/files/FileServer.java" "$WORK/baseline" 0 "$KEY" \
        > "$WORK/baseline.log" 2>&1 &
    BASELINE_PID=$!
    for _ in $(seq 1 600); do grep -q LISTENING "$WORK/baseline.log" 2>/dev/null && break; sleep 0.1; done
    BASELINE_PORT=$(grep LISTENING "$WORK/baseline.log" | cut -d' ' -f2)
    [[ -n "$BASELINE_PORT" ]] || { cat "$WORK/baseline.log" >&2; exit 1; }
fi

# Each step prints curl's (or the shell's) seconds; rate() turns them into MiB/s.
rate() { awk -v b="$BYTES" -v s="$1" 'BEGIN { printf "%.0f", b / 1048576 / s }'; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { print b - a }'; }

COPY="$WORK/copy.bin"
cat_to_file() { rm -f "$COPY"; local t; t=$(now); cat "$DATA" > "$COPY"; since "$t"; }
cat_to_file_sync() { rm -f "$COPY"; local t; t=$(now); cat "$DATA" > "$COPY"; sync "$COPY"; since "$t"; }
nginx_put() {
    curl -sS --fail -o /dev/null -w '%{time_total}' -T "$DATA" "$NGINX_URL"
}
nginx_get() { curl -sS --fail -o /dev/null -w '%{time_total}' "$NGINX_URL"; }
# nginx's PUT replaces its one file, whose pages the kernel then reuses; a store keeps every upload. So that
# both write into recycled page-cache pages (fresh ones cost a virtual machine's host several times more),
# every upload the store took in a round is removed once timed, but the first (the one downloads read).
forget_uploads() { # store directory, id to keep
    find "$1/files" -type f ! -name "$2" ! -name "$2.json" -delete
}
ID=
store_upload() { # with Content-Length
    local answer
    answer=$(curl -sS --fail-with-body -w '\n%{time_total}' -T "$DATA" -X POST -H "Authorization: Bearer $KEY" \
        -H "Approximate-Size: $BYTES" "$BASE/upload/data.bin")
    if [[ -z "$ID" ]]; then ID=$(head -1 <<< "$answer" | sed -E 's/.*"message":"([0-9a-f]+)".*/\1/'); fi
    forget_uploads "$STORE" "$ID"
    tail -1 <<< "$answer"
}
store_upload_chunked() {
    curl -sS --fail-with-body -o /dev/null -w '%{time_total}' -T "$DATA" -X POST -H "Authorization: Bearer $KEY" \
        -H "Transfer-Encoding: chunked" -H "Approximate-Size: $BYTES" "$BASE/upload/data.bin"
    forget_uploads "$STORE" "$ID"
}
store_download() { curl -sS --fail -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $KEY" "$BASE/download/$ID"; }
BASELINE_ID=
baseline_upload() {
    local answer
    answer=$(curl -sS --fail-with-body -w '\n%{time_total}' -T "$DATA" -X POST -H "Authorization: Bearer $KEY" \
        -H "Approximate-Size: $BYTES" "http://127.0.0.1:$BASELINE_PORT/stream/upload/data.bin")
    if [[ -z "$BASELINE_ID" ]]; then BASELINE_ID=$(head -1 <<< "$answer" | sed -E 's/.*"message":"([0-9a-f]+)".*/\1/'); fi
    forget_uploads "$WORK/baseline" "$BASELINE_ID"
    tail -1 <<< "$answer"
}
baseline_download() {
    curl -sS --fail -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $KEY" \
        "http://127.0.0.1:$BASELINE_PORT/stream/download/$BASELINE_ID"
}

NAMES=("cat > file" "cat > file; sync" "nginx PUT" "store upload" "store upload (chunked)" "nginx GET" "store download")
if [[ -n "$BASELINE_PID" ]]; then NAMES+=("baseline upload" "baseline download"); fi
NGINX_WORKER=$(pgrep -P "$(cat "$WORK/nginx/nginx.pid")" | head -1)
# CPU time (user + system, every thread) a server spent on one transfer: steadier than rates on a busy machine.
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
declare -A ALL BEST CPU
record() { # name, seconds
    local r; r=$(rate "$2")
    ALL[$1]="${ALL[$1]:-}${ALL[$1]:+ }$r"
    if [[ -z "${BEST[$1]:-}" || "$r" -gt "${BEST[$1]}" ]]; then BEST[$1]=$r; fi
}
measure() { # name, pid, step: records the rate and the server's CPU seconds per GiB (the least of the rounds)
    local name=$1 pid=$2 before seconds cpu
    before=$(ticks "$pid")
    seconds=$("$3")
    cpu=$(awk -v t=$(( $(ticks "$pid") - before )) -v hz="$(getconf CLK_TCK)" -v mib="$SIZE_MIB" \
        'BEGIN { printf "%.2f", t / hz * 1024 / mib }')
    record "$name" "$seconds"
    if [[ -z "${CPU[$name]:-}" ]] || awk -v a="$cpu" -v b="${CPU[$name]}" 'BEGIN { exit !(a < b) }'; then
        CPU[$name]=$cpu
    fi
}

# A JVM serves a request's head in about 4 ms until the JIT has compiled its path, 1.2 ms after a few thousand
# requests (nginx: 1 ms): so that the rounds measure transfers, not compilation, each store first answers
# WARM_REQUESTS (default 2000) downloads of a 1 KiB file, each on a new connection as curl's are.
warm_requests() { # port
    local small="$WORK/small.bin" id
    head -c 1024 /dev/urandom > "$small"
    id=$(curl -sS --fail-with-body -T "$small" -X POST -H "Authorization: Bearer $KEY" -H "Approximate-Size: 1024" \
        "http://127.0.0.1:$1/stream/upload/small.bin" | sed -E 's/.*"message":"([0-9a-f]+)".*/\1/')
    python3 -I -c '
import http.client, sys
port, path, key, n = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
for _ in range(n):
    c = http.client.HTTPConnection("127.0.0.1", port)
    c.request("GET", path, headers={"Authorization": "Bearer " + key})
    r = c.getresponse(); r.read(); c.close()
    if r.status != 200: sys.exit("warm-up download answered %d" % r.status)
' "$1" "/stream/download/$id" "$KEY" "${WARM_REQUESTS:-2000}"
}
warm_requests "$PORT"
if [[ -n "$BASELINE_PID" ]]; then warm_requests "$BASELINE_PORT"; fi

# DOWNLOAD_ROUNDS=N: downloads only, N alternating rounds of nginx, the store and the baseline (if any), each
# line "<server> <seconds to the first byte> <seconds in all>"; for comparing two download paths closely.
if [[ -n "${DOWNLOAD_ROUNDS:-}" ]]; then
    store_upload > /dev/null; nginx_put > /dev/null
    if [[ -n "$BASELINE_PID" ]]; then baseline_upload > /dev/null; fi
    timed='%{time_starttransfer} %{time_total}\n'
    for ((round = 0; round <= DOWNLOAD_ROUNDS; round++)); do  # round 0 warms up
        for server in nginx store base; do
            case $server in
                nginx) line=$(curl -sS --fail -o /dev/null -w "$timed" "$NGINX_URL") ;;
                store) line=$(curl -sS --fail -o /dev/null -w "$timed" -H "Authorization: Bearer $KEY" "$BASE/download/$ID") ;;
                base) [[ -n "$BASELINE_PID" ]] || continue
                      line=$(curl -sS --fail -o /dev/null -w "$timed" -H "Authorization: Bearer $KEY" \
                          "http://127.0.0.1:$BASELINE_PORT/stream/download/$BASELINE_ID") ;;
            esac
            if ((round > 0)); then echo "$server $line"; fi
        done
    done
    exit 0
fi

# Warm-up: the JIT compiles the store's paths once, nginx's page cache is filled alike.
store_upload > /dev/null; store_download > /dev/null; nginx_put > /dev/null; nginx_get > /dev/null
if [[ -n "$BASELINE_PID" ]]; then baseline_upload > /dev/null; baseline_download > /dev/null; fi
baseline_round() { if [[ -n "$BASELINE_PID" ]]; then measure "baseline $1" "$BASELINE_PID" "baseline_$1"; fi; }
for ((round = 1; round <= ROUNDS; round++)); do
    record "cat > file" "$(cat_to_file)"
    record "cat > file; sync" "$(cat_to_file_sync)"
    rm -f "$COPY"
    if ((round % 2)); then
        measure "nginx PUT" "$NGINX_WORKER" nginx_put; measure "store upload" "$SERVER_PID" store_upload
        baseline_round upload; measure "store upload (chunked)" "$SERVER_PID" store_upload_chunked
        measure "nginx GET" "$NGINX_WORKER" nginx_get; measure "store download" "$SERVER_PID" store_download
        baseline_round download
    else
        measure "store upload (chunked)" "$SERVER_PID" store_upload_chunked; baseline_round upload
        measure "store upload" "$SERVER_PID" store_upload; measure "nginx PUT" "$NGINX_WORKER" nginx_put
        baseline_round download
        measure "store download" "$SERVER_PID" store_download; measure "nginx GET" "$NGINX_WORKER" nginx_get
    fi
    echo "round $round: $(for n in "${NAMES[@]}"; do printf '%s %s; ' "$n" "${ALL[$n]##* }"; done)" >&2
done

# Both sides served and stored the same bytes.
[[ "$(sha256sum "$WORK/nginx/html/data.bin" | cut -d' ' -f1)" == "$EXPECTED" ]] || { echo "nginx stored other bytes" >&2; exit 1; }
ACTUAL=$(curl -sS --fail -H "Authorization: Bearer $KEY" "$BASE/download/$ID" | sha256sum | cut -d' ' -f1)
[[ "$ACTUAL" == "$EXPECTED" ]] || { echo "Store download differs: $ACTUAL != $EXPECTED" >&2; exit 1; }
STORED_SHA=$(sed -E 's/.*"sha256":"([0-9a-f]+)".*/\1/' "$STORE/files/$ID.json")
[[ "$STORED_SHA" == "$EXPECTED" ]] || { echo "Stored SHA-256 differs: $STORED_SHA" >&2; exit 1; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo
echo "$SIZE_MIB MiB, best of $ROUNDS rounds (alternating), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)," \
    "server -Xmx$HEAP, $("$JAVA" -version 2>&1 | head -1), $("$NGINX" -v 2>&1)"
echo
echo "| what | best MiB/s | every round | / nginx | server CPU s/GiB (least) |"
echo "|---|---:|---|---:|---:|"
for name in "${NAMES[@]}"; do
    case $name in
        *upload*) peer=${BEST["nginx PUT"]} ;;
        *download) peer=${BEST["nginx GET"]} ;;
        *) peer= ;;
    esac
    echo "| $name | ${BEST[$name]} | ${ALL[$name]} | ${peer:+$(ratio "${BEST[$name]}" "$peer")} | ${CPU[$name]:-} |"
done

if [[ "${STRACE:-0}" == 1 ]]; then
    # System calls per GiB, counted on the whole server process (every thread), one transfer at a time.
    count() { # pid, label, command...
        local pid=$1 label=$2; shift 2
        local out="$WORK/strace.txt"
        strace -c -f -e trace=read,write,readv,writev,pread64,pwrite64,recvfrom,sendto,sendfile,fsync,fdatasync,mmap,munmap \
            -o "$out" -p "$pid" 2> "$WORK/strace.log" & local tracer=$!
        for _ in $(seq 1 100); do grep -q attached "$WORK/strace.log" 2>/dev/null && break; sleep 0.1; done
        "$@" > /dev/null
        kill -INT "$tracer"; wait "$tracer" 2>/dev/null || true
        awk -v label="$label" -v mib="$SIZE_MIB" '
            $NF ~ /^(read|write|readv|writev|pread64|pwrite64|recvfrom|sendto|sendfile|fsync|fdatasync|mmap|munmap)$/ {
                n[$NF] = $4 }
            END { printf "| %s |", label; split("read pread64 recvfrom write pwrite64 sendto sendfile fdatasync fsync mmap munmap", k, " ");
                  for (i = 1; i <= 11; i++) printf " %d |", n[k[i]] * 1024 / mib; print "" }' "$out"
    }
    echo
    echo "System calls per GiB (strace -c -f on the server process during one transfer):"
    echo
    echo "| transfer | read | pread64 | recvfrom | write | pwrite64 | sendto | sendfile | fdatasync | fsync | mmap | munmap |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    count "$NGINX_WORKER" "nginx PUT" nginx_put
    count "$SERVER_PID" "store upload" store_upload
    count "$SERVER_PID" "store upload (chunked)" store_upload_chunked
    count "$NGINX_WORKER" "nginx GET" nginx_get
    count "$SERVER_PID" "store download" store_download
    if [[ -n "$BASELINE_PID" ]]; then
        count "$BASELINE_PID" "baseline upload" baseline_upload
        count "$BASELINE_PID" "baseline download" baseline_download
    fi
fi
