# Shared by the benchmark scripts: the JDK, the build, a free port, the load warning, starting and stopping
# an HTTP server.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. bin/find-jdk.sh
JAVA="$JAVA_HOME/bin/java"
JAR=benchmarks/target/benchmarks.jar
# The same flags for every server of every run.
JVM_FLAGS=(-Xms1g -Xmx1g -XX:+UseG1GC)

build() {
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    # The benchmarks are not a module of the root build: install the runtime, then build them on their own.
    ./mvnw -B -ntp -q install -DskipTests -pl annotations,runtime -am
    ./mvnw -B -ntp -q -f benchmarks/pom.xml package
  fi
}

# A free loopback port: the one the kernel picks for port 0, or else a random one nobody answers on.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' \
    2>/dev/null && return
  local candidate
  for _ in $(seq 1 50); do
    candidate=$(( RANDOM % 40000 + 20000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null || { echo "$candidate"; return; }
  done
  echo "No free port found" >&2
  return 1
}

# start_server NAME CLASS PORT [args...]: starts it (pinned with $SERVER_CPUS when set), waits for READY.
start_server() {
  local log="$1.log" class="$2"; shift 2
  local pin=()
  [ -n "${SERVER_CPUS:-}" ] && pin=(taskset -c "$SERVER_CPUS")
  "${pin[@]}" "$JAVA" "${JVM_FLAGS[@]}" -cp "$JAR" "io.managerhandlers.benchmarks.http.$class" "$@" > "$WORK/$log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do
    grep -q READY "$WORK/$log" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "server $class did not start:" >&2; cat "$WORK/$log" >&2; return 1
}

SERVER_PID=""
stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

rss_kib() {
  ps -o rss= -p "$1" | tr -d ' '
}

heap_used() {
  "$JAVA_HOME/bin/jcmd" "$1" GC.heap_info 2>/dev/null | grep -oE 'used [0-9]+K' | head -1
}

load_warning() {
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  if awk -v l="$load" -v c="$(nproc)" 'BEGIN { exit !(l > c / 2) }'; then
    echo "WARNING: load average $load on $(nproc) cores before the run: the numbers will be low and noisy." >&2
  fi
}
