#!/usr/bin/env bash
# The open loop from the command line (load, a JVM of its own) against a server in a JVM of its own,
# beside wrk -t1 -c32 as the closed-loop reference, as run on 2026-12-06 (the machine to itself):
#   cli-RATE.txt                 reactor, rates 20k-120k, one server for the sweep
#   cli-MODEL-RATE.txt           reactor and netty-epoll, 60k-160k, wrk before and after (printed on the terminal)
#   free-N.txt / pinned-N.txt    reactor at 40k, unpinned, then server on CPU 0 and load on CPU 1 (taskset)
# Run from the repository root after ./run-bench.sh build: jmh-results/20261206-open-loop/cli/run.sh
set -euo pipefail
cd "$(dirname "$0")"
java=$(../../../run-bench.sh java-home)/bin/java
jar=../../../target/benchmarks.jar
webmodels() { "$java" --enable-native-access=ALL-UNNAMED -cp "$jar" webmodels.cli.Main "$@"; }
load() { webmodels load http://127.0.0.1:19700/ --rate "$1" --connections 32 --duration 5s --warmup 2s; }
for round in 1 2; do
    webmodels serve reactor --port 19700 > /dev/null 2>&1 & s=$!; sleep 1.5
    load 40000 > "free-$round.txt"; kill $s; wait $s || true
    taskset -c 0 "$java" --enable-native-access=ALL-UNNAMED -cp "$jar" webmodels.cli.Main serve reactor --port 19700 > /dev/null 2>&1 & s=$!; sleep 1.5
    taskset -c 1 "$java" --enable-native-access=ALL-UNNAMED -cp "$jar" webmodels.cli.Main load http://127.0.0.1:19700/ \
        --rate 40000 --connections 32 --duration 5s --warmup 2s > "pinned-$round.txt"; kill $s; wait $s || true
done
webmodels serve reactor --port 19700 > /dev/null 2>&1 & s=$!; sleep 1.5
for rate in 20000 40000 60000 80000 100000 120000; do load $rate > "cli-$rate.txt"; done
kill $s; wait $s || true
for model in reactor netty-epoll; do
    webmodels serve $model --port 19700 > /dev/null 2>&1 & s=$!; sleep 1.5
    wrk -t1 -c32 -d2s http://127.0.0.1:19700/ > /dev/null
    echo "$model wrk -t1 -c32 -d5s before: $(wrk -t1 -c32 -d5s http://127.0.0.1:19700/ | grep Requests/sec)"
    for rate in 60000 120000 140000 160000; do load $rate > "cli-$model-$rate.txt"; done
    echo "$model wrk -t1 -c32 -d5s after: $(wrk -t1 -c32 -d5s http://127.0.0.1:19700/ | grep Requests/sec)"
    kill $s; wait $s || true
done
