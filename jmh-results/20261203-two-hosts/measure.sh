#!/usr/bin/env bash
# One round of issue 14's table: selectorKeepAlive of four models, (a) client and server sharing both
# cores, (b) pinned to one core each, (c) across two network namespaces. Run from the project root
# through /work/bin/measure-slot; ROUND names the files (r1, r2, ...). Each run's JSON and
# .machine.json are moved here under the setup's name. ORDER (abc, the default, or cba) alternates
# the setups between rounds, so that a drift of the machine does not favour one; d adds (c) pinned.
set -euo pipefail
round=${1:?ROUND}
order=${2:-abc}
out=jmh-results/20261203-two-hosts
settings=(-wi 1 -w 2s -i 3 -r 2s)
models=(ReactorBenchmark:reactor ThreadPoolBenchmark:thread-pool VirtualThreadsBenchmark:virtual-threads NettyEpollBenchmark:netty-epoll)
every='^webmodels\.bench\.models\.(ReactorBenchmark|ThreadPoolBenchmark|VirtualThreadsBenchmark|NettyEpollBenchmark)\.selectorKeepAlive$'

keep() { # keep NAME: moves the newest quick run here as NAME.json and NAME.machine.json
    local json
    json=$(ls -t jmh-results/*-quick.json | head -n 1)
    mv "$json" "$out/$1.json"
    mv "${json%.json}.machine.json" "$out/$1.machine.json"
}

a() {
    ./run-bench.sh quick "$every" -p fork=true "${settings[@]}"
    keep "$round-a-shared"
}
b() {
    ./run-bench.sh --client-cpus 1 quick "$every" -p fork=true -p serverCpus=0 "${settings[@]}"
    keep "$round-b-pinned"
}
c() {
    for entry in "${models[@]}"; do
        class=${entry%%:*} model=${entry#*:}
        scripts/two-hosts.sh run "$model" -- quick "^webmodels\.bench\.models\.$class\.selectorKeepAlive\$" "${settings[@]}"
        keep "$round-c-namespaces-$model"
    done
}
d() { # not asked for by the issue: (c) with (b)'s pinning, the nearest this machine comes to two hosts
    for entry in "${models[@]}"; do
        class=${entry%%:*} model=${entry#*:}
        scripts/two-hosts.sh run "$model" --serve-cpus 0 --client-cpus 1 -- quick \
            "^webmodels\.bench\.models\.$class\.selectorKeepAlive\$" "${settings[@]}"
        keep "$round-d-namespaces-pinned-$model"
    done
}
for setup in $(grep -o . <<< "$order"); do
    "$setup"
done
