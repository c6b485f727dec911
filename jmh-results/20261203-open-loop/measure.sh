#!/usr/bin/env bash
# The open-loop measurements of issue 11, run as one measure-slot job from the worktree root:
#   /work/bin/measure-slot jmh-results/20261203-open-loop/measure.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
out=jmh-results/20261203-open-loop
java=$(./run-bench.sh java-home)/bin/java
load() { "$java" --enable-native-access=ALL-UNNAMED -cp target/benchmarks.jar webmodels.cli.Main load "$@"; }

# (c) the driver against a server that does nothing (the C epoll responder), 40,000 req/s
gcc -O2 -o /tmp/c_epoll_hello /work/shared/anchors/c_epoll_hello.c
/tmp/c_epoll_hello 19611 & c_pid=$!
sleep 0.3
load http://127.0.0.1:19611/ --rate 40000 --connections 32 --duration 5s --warmup 2s > "$out/c-hello-40000.txt"
kill "$c_pid"

# unsent requests entering the percentiles: thread-pool asked for 80,000 req/s
"$java" --enable-native-access=ALL-UNNAMED -cp target/benchmarks.jar webmodels.cli.Main serve thread-pool --port 19612 > /dev/null 2>&1 & s_pid=$!
sleep 1
load http://127.0.0.1:19612/ --rate 80000 --connections 32 --duration 3s --warmup 1s > "$out/thread-pool-80000.txt"
kill "$s_pid"; wait "$s_pid" || true

# (a), (b): closed-loop selector client and the open loop at rising rates, same run, reactor and netty-epoll
./run-bench.sh quick '^webmodels\.bench\.models\.(Reactor|NettyEpoll)Benchmark\.(selectorKeepAlive|openLoop)$' \
    -i 1 -r 3s -p rate=20000,40000,60000,80000,100000,120000 2>&1 | tail -40 > "$out/jmh.log"
latest=$(ls -t jmh-results/*-quick.json | head -n 1)
mv "$latest" "$out/reactor-netty-epoll.json"
mv "${latest%.json}.machine.json" "$out/reactor-netty-epoll.machine.json"
