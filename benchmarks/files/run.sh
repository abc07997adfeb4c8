#!/usr/bin/env bash
# Upload and download rates of the built-in file store over loopback, beside `cat` of the same file.
#
#   benchmarks/files/run.sh [size in MiB, default 1024] [runs, default 3]
#
# Needs curl, sha256sum and a JDK 21+ (JAVA_HOME, or the first one found), and the runtime built:
#   mvn -B -q -N install && mvn -B -q install -DskipTests -pl annotations,runtime
# The work directory (BENCH_DIR, default a new one under /tmp) holds the test file, the copies and the store,
# all on one disk, and is removed at the end. HEAP sets the server's -Xmx (default 256m).
set -euo pipefail

SIZE_MIB=${1:-1024}
RUNS=${2:-3}
HEAP=${HEAP:-256m}
KEY=bench-key
ROOT=$(cd "$(dirname "$0")/../.." && pwd)

if [[ -z "${JAVA_HOME:-}" ]]; then
    for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*21* /usr/lib/jvm/*25*; do
        if [[ -x "$candidate/bin/java" ]]; then JAVA_HOME=$candidate; break; fi
    done
fi
JAVA="$JAVA_HOME/bin/java"
[[ -d "$ROOT/runtime/target/classes" ]] || { echo "Build the runtime first (see the header of $0)" >&2; exit 1; }

WORK=${BENCH_DIR:-$(mktemp -d /tmp/mh-files-bench.XXXXXX)}
mkdir -p "$WORK"
SERVER_PID=
cleanup() {
    if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

CP_FILE="$WORK/classpath.txt"
(cd "$ROOT/runtime" && JAVA_HOME=$JAVA_HOME mvn -B -q dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >/dev/null)
CP="$ROOT/runtime/target/classes:$(cat "$CP_FILE")"

BYTES=$((SIZE_MIB * 1024 * 1024))
DATA="$WORK/data.bin"
echo "Writing $SIZE_MIB MiB of random bytes to $DATA" >&2
head -c "$BYTES" /dev/urandom > "$DATA"
sync
EXPECTED=$(sha256sum "$DATA" | cut -d' ' -f1)

now() { date +%s.%N; }
rate() { awk -v b="$BYTES" -v s="$1" 'BEGIN { printf "%.0f", b / 1048576 / s }'; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

declare -A RESULTS
measure() { # name, command...: runs it RUNS times, records the median MiB/s
    local name=$1; shift
    local rates=()
    for ((i = 1; i <= RUNS; i++)); do
        local start end
        start=$(now); "$@"; end=$(now)
        rates+=("$(rate "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')")")
    done
    RESULTS[$name]=$(printf '%s\n' "${rates[@]}" | median)
    echo "$name: ${rates[*]} MiB/s (median ${RESULTS[$name]})" >&2
}

COPY="$WORK/copy.bin"
cat_to_file() { rm -f "$COPY"; cat "$DATA" > "$COPY"; }
cat_to_file_sync() { rm -f "$COPY"; cat "$DATA" > "$COPY"; sync "$COPY"; }
cat_to_null() { cat "$DATA" > /dev/null; }
measure "cat file > file" cat_to_file
measure "cat file > file; sync" cat_to_file_sync
measure "cat file > /dev/null" cat_to_null
rm -f "$COPY"

STORE="$WORK/store"
"$JAVA" -Xmx"$HEAP" -cp "$CP" "$ROOT/benchmarks/files/FileServer.java" "$STORE" 0 "$KEY" > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 300); do grep -q LISTENING "$WORK/server.log" 2>/dev/null && break; sleep 0.1; done
PORT=$(grep LISTENING "$WORK/server.log" | cut -d' ' -f2)
[[ -n "$PORT" ]] || { cat "$WORK/server.log" >&2; exit 1; }
BASE="http://127.0.0.1:$PORT/stream"

ID=
upload() { # with Content-Length
    local answer
    answer=$(curl -sS --fail-with-body -T "$DATA" -X POST -H "Authorization: Bearer $KEY" \
        -H "Approximate-Size: $BYTES" "$BASE/upload/data.bin")
    ID=$(sed -E 's/.*"message":"([0-9a-f]+)".*/\1/' <<< "$answer")
}
upload_chunked() {
    curl -sS --fail-with-body -T "$DATA" -X POST -H "Authorization: Bearer $KEY" -H "Transfer-Encoding: chunked" \
        -H "Approximate-Size: $BYTES" "$BASE/upload/data.bin" > /dev/null
}
DOWNLOAD="$WORK/download.bin"
download_to_file() { rm -f "$DOWNLOAD"; curl -sS --fail -H "Authorization: Bearer $KEY" -o "$DOWNLOAD" "$BASE/download/$ID"; }
download_to_null() { curl -sS --fail -H "Authorization: Bearer $KEY" -o /dev/null "$BASE/download/$ID"; }

upload_chunked # warm-up: the JIT compiles the paths once
measure "upload (Content-Length)" upload
measure "upload (chunked)" upload_chunked
download_to_null # warm-up
measure "download to file" download_to_file
measure "download to /dev/null" download_to_null
ACTUAL=$(sha256sum "$DOWNLOAD" | cut -d' ' -f1)
[[ "$ACTUAL" == "$EXPECTED" ]] || { echo "Download differs: $ACTUAL != $EXPECTED" >&2; exit 1; }
STORED_SHA=$(sed -E 's/.*"sha256":"([0-9a-f]+)".*/\1/' "$STORE/files/$ID.json")
[[ "$STORED_SHA" == "$EXPECTED" ]] || { echo "Stored SHA-256 differs: $STORED_SHA" >&2; exit 1; }

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
CAT=${RESULTS["cat file > file"]}
echo
echo "$SIZE_MIB MiB, median of $RUNS runs, $(nproc) cores, server -Xmx$HEAP, $("$JAVA" -version 2>&1 | head -1)"
echo
echo "| what | MiB/s | / cat file > file |"
echo "|---|---:|---:|"
for name in "cat file > file" "cat file > file; sync" "cat file > /dev/null" "upload (Content-Length)" \
        "upload (chunked)" "download to file" "download to /dev/null"; do
    echo "| $name | ${RESULTS[$name]} | $(ratio "${RESULTS[$name]}" "$CAT") |"
done
