#!/usr/bin/env bash
# Issue 12's bar: two default runs and one full run on the same day, the machine to itself, in this
# order: default, full (selector keep-alive only, 4 rounds), default. Each run's terminal output is
# kept beside its JSON here. Run from the repository root: jmh-results/20261206-sameday/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
out=jmh-results/20261206-sameday
keep() { # moves the newest run of profile $1 (JSON, machine file, log, report) into $out
    local base; base=$(ls -t jmh-results/*-"$1".json | head -n 1); base=${base%.json}
    mv "$base".json "$base".machine.json "$out"/
    [ -f "$base".log ] && gzip -c "$base".log > "$out/$(basename "$base").log.gz" && rm "$base".log
    [ -d "$base"-report ] && mv "$base"-report "$out"/
    echo "$out/$(basename "$base")"
}
./run-bench.sh build >/dev/null
./run-bench.sh > "$out/default1.terminal.txt" 2>&1; keep default
./run-bench.sh full --methods selectorKeepAlive > "$out/full.terminal.txt" 2>&1; keep full
./run-bench.sh > "$out/default2.terminal.txt" 2>&1; keep default
