#!/usr/bin/env bash
# main before this round (08d17c5) against the merged main, alternating JVMs, same JMH settings.
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
OUT=/tmp/bus-ab; mkdir -p $OUT
B='io.managerhandlers.benchmarks.BusBenchmark.(requestReply1Thread|requestReply16Threads|requestReply16Virtual|asyncWindow|fireAndForget|fireAndForgetFromInside)$'
for r in 1 2 3; do
  for side in base new; do
    $J -jar /tmp/bus-$side.jar "$B" -f 1 -wi 3 -w 1s -i 4 -r 1s -rf json -rff $OUT/$side-$r.json > $OUT/$side-$r.txt 2>&1
  done
done
echo done > $OUT/DONE
