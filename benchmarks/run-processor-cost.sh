#!/usr/bin/env bash
# The annotation processor's cost: javac on N generated handlers (records with nested records, lists, maps,
# Optionals, enums, decimals, dates; a javadoc each) with the processor, divided by javac without it
# (-proc:none). With BASELINE_REF (a git ref, e.g. main) the processor of that ref is measured too, built here
# from its sources, so that the cost of a change to the processor shows in the same run.
#
#   benchmarks/run-processor-cost.sh                  # N=500, 2 warm-ups, 10 runs each
#   N=500 RUNS=10 BASELINE_REF=main benchmarks/run-processor-cost.sh
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
N=${N:-500}
RUNS=${RUNS:-10}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# The processor and the runtime's class path, from this checkout (compiled, never installed).
./mvnw -B -ntp -o -q -pl annotations,runtime,processor compile dependency:build-classpath \
  -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=runtime
CP="runtime/target/classes:annotations/target/classes:$(cat runtime/target/cp.txt)"
JAVAPOET=$(tr ':' '\n' < processor/target/cp.txt | grep '/javapoet-' | head -1)
PROCESSOR_PATH="processor/target/classes:annotations/target/classes:$JAVAPOET"
JAVAC="$JAVA_HOME/bin/javac"

python3 - "$WORK/src" "$N" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
def write(package, name, text):
    d = os.path.join(root, *package.split('.'))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name + '.java'), 'w') as f:
        f.write('package %s;\n\n%s' % (package, text))
write('bench', 'Kind', 'public enum Kind { SMALL, LARGE }\n')
imports = ('import bench.Kind;\nimport io.managerhandlers.*;\nimport io.managerhandlers.annotations.Handler;\n'
           'import java.math.BigDecimal;\nimport java.time.*;\nimport java.util.*;\n\n')
for i in range(n):
    p = 'bench.p%d' % (i % 10)
    write(p, 'Item%d' % i, imports + 'public record Item%d(String sku, LocalDate day, Kind kind) { }\n' % i)
    write(p, 'In%d' % i, imports + 'public record In%d(String name, int count, List<String> tags, '
          'Optional<Long> limit, Map<String, Integer> stock, Instant at) { }\n' % i)
    write(p, 'Out%d' % i, imports + 'public record Out%d(String name, BigDecimal total, List<Item%d> items) { }\n'
          % (i, i))
    write(p, 'H%d' % i, imports + '/** Handler number %d: prices {@code In%d}. */\n@Handler("h%d")\n'
          'public final class H%d implements RequestHandler<In%d, Out%d> {\n'
          '    @Override public Out%d handle(In%d in, Call call) { return new Out%d(in.name(), BigDecimal.ONE, List.of()); }\n'
          '}\n' % (i, i, i, i, i, i, i, i, i))
PY
find "$WORK/src" -name '*.java' | sort > "$WORK/sources.txt"

commands=(
  -n "javac -proc:none" "rm -rf $WORK/out && $JAVAC -proc:none -d $WORK/out -cp $CP @$WORK/sources.txt"
  -n "javac + processor (this checkout)" "rm -rf $WORK/out $WORK/gen && $JAVAC -d $WORK/out -s $WORK/gen -cp $CP -processorpath $PROCESSOR_PATH -processor io.managerhandlers.processor.ManagerProcessor @$WORK/sources.txt"
)
if [ -n "${BASELINE_REF:-}" ]; then
  mkdir -p "$WORK/base-src" "$WORK/base-classes"
  git archive "$BASELINE_REF" processor/src/main/java | tar -x -C "$WORK/base-src"
  find "$WORK/base-src" -name '*.java' > "$WORK/base-sources.txt"
  "$JAVAC" -proc:none --release 21 -d "$WORK/base-classes" \
    -cp "annotations/target/classes:$JAVAPOET:$(tr ':' '\n' < processor/target/cp.txt | grep auto-service-annotations | head -1)" \
    @"$WORK/base-sources.txt"
  commands+=(-n "javac + processor ($BASELINE_REF)" "rm -rf $WORK/out $WORK/gen && $JAVAC -d $WORK/out -s $WORK/gen -cp $CP -processorpath $WORK/base-classes:annotations/target/classes:$JAVAPOET -processor io.managerhandlers.processor.ManagerProcessor @$WORK/sources.txt")
fi
mkdir -p "$WORK/gen"
echo "== $N handlers, $(wc -l < "$WORK/sources.txt") sources; load: $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine --warmup 2 --runs "$RUNS" --export-markdown "$WORK/result.md" "${commands[@]}"
cat "$WORK/result.md"
