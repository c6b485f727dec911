#!/usr/bin/env bash
# The open-loop driver's send lateness before and after it stops counting the wait for a busy
# connection as its own: the same quick open-loop sweep of reactor and netty-epoll (each server in
# its own JVM) with the jar before (old.jar) and after (new.jar), alternating, old first:
#   jmh-results/20261206-open-loop/driver-fix/run.sh DIR_WITH_old.jar_AND_new.jar
set -euo pipefail
cd "$(dirname "$0")"
jars=$1
java=$(../../../run-bench.sh java-home)/bin/java
for pass in old-1 new-1 old-2 new-2; do
    "$java" -cp "$jars/${pass%-*}.jar" webmodels.bench.BenchmarkMain \
        '^webmodels\.bench\.models\.(Reactor|NettyEpoll)Benchmark\.(selectorKeepAlive|openLoop)$' \
        -f 1 -wi 1 -w 1s -i 1 -r 3s -p fork=true -p connections=32 -p rate=20000,40000,60000,80000,100000,120000 \
        -rf json -rff "$pass.json" > "$pass.log" 2>&1
    gzip -f "$pass.log"
done
