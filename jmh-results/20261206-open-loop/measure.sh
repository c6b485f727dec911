#!/usr/bin/env bash
# Issue 11's measurements, one job with the machine to itself, from the repository root:
#   jmh-results/20261206-open-loop/measure.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
out=jmh-results/20261206-open-loop
java=$(./run-bench.sh java-home)/bin/java
./run-bench.sh build >/dev/null
load() { "$java" --enable-native-access=ALL-UNNAMED -cp target/benchmarks.jar webmodels.cli.Main load "$@"; }
newest() { ls -t jmh-results/*-"$1".json | head -n 1; }
keep() { # moves the newest JSON of profile $1 and its machine file to $out/$2.json
    local json; json=$(newest "$1")
    mv "$json" "$out/$2.json"; mv "${json%.json}.machine.json" "$out/$2.machine.json"
}

# (c) the driver against a server that does nothing (the C epoll responder), 40,000 req/s, three
# rounds; in each, once as it is and once with the responder at SCHED_FIFO, so that the kernel
# runs it as soon as a request arrives: what is left is the driver's and the loopback's.
gcc -O2 -o /tmp/c_epoll_hello /work/shared/anchors/c_epoll_hello.c
/tmp/c_epoll_hello 19611 & c_pid=$!
sleep 0.3
for round in 1 2 3; do
    load http://127.0.0.1:19611/ --rate 40000 --connections 32 --duration 5s --warmup 2s > "$out/c-hello-40000-r$round.txt"
    chrt -f -p 50 "$c_pid"
    load http://127.0.0.1:19611/ --rate 40000 --connections 32 --duration 5s --warmup 2s > "$out/c-hello-40000-fifo-r$round.txt"
    chrt -o -p 0 "$c_pid"
done
kill "$c_pid"

# unsent requests entering the percentiles: thread-pool asked for 80,000 req/s
"$java" --enable-native-access=ALL-UNNAMED -cp target/benchmarks.jar webmodels.cli.Main serve thread-pool --port 19612 > /dev/null 2>&1 & s_pid=$!
sleep 1
load http://127.0.0.1:19612/ --rate 80000 --connections 32 --duration 3s --warmup 1s > "$out/thread-pool-80000.txt"
kill "$s_pid"; wait "$s_pid" || true

# (a), (b): the closed-loop selector client and the open loop at rising rates, in one run, for
# reactor and netty-epoll, each server in its own JVM (as in the default run)
./run-bench.sh quick '^webmodels\.bench\.models\.(Reactor|NettyEpoll)Benchmark\.(selectorKeepAlive|openLoop)$' \
    -i 1 -r 3s -p fork=true -p connections=32 -p rate=20000,40000,60000,80000,100000,120000 > "$out/quick.log" 2>&1
keep quick reactor-netty-epoll

# one model's whole latency sweep, for its charts
./run-bench.sh latency -e '^(?!webmodels\.bench\.models\.ReactorBenchmark\.).*' > "$out/latency.log" 2>&1
keep latency latency-reactor
"$java" -cp target/benchmarks.jar webmodels.cli.Main report --out "$out/report" "$out/reactor-netty-epoll.json" "$out/latency-reactor.json" > /dev/null
