#!/usr/bin/env bash
# Issue 12's bar: two default runs and one full run on the same day, the machine to itself, in this
# order: default, full (selector keep-alive only, 4 rounds), default; about 50 minutes on 2 cores.
# Each run's JSON, machine file, gzipped log, report and terminal output go to OUT, then
# scripts/same-day-compare.py writes OUT/compare.txt (the order of separated pairs; each model's
# req/s and server CPU µs per request against the full run's, 15 % marked).
#
#   scripts/same-day.sh OUT          e.g. scripts/same-day.sh jmh-results/20261206-sameday
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -eq 1 ] || { sed -n '2,8p' "$0"; exit 2; }
out=$1
mkdir -p "$out"
keep() { # moves the newest run of profile $1 (JSON, machine file, log, report) into $out; prints its base
    local base; base=$(ls -t jmh-results/*-"$1".json | head -n 1); base=${base%.json}
    mv "$base".json "$base".machine.json "$out"/
    [ -f "$base".log ] && gzip -c "$base".log > "$out/$(basename "$base").log.gz" && rm "$base".log
    [ -d "$base"-report ] && mv "$base"-report "$out"/
    echo "$out/$(basename "$base")"
}
./run-bench.sh build >/dev/null
./run-bench.sh > "$out/default1.terminal.txt" 2>&1; default1=$(keep default)
./run-bench.sh full --methods selectorKeepAlive > "$out/full.terminal.txt" 2>&1; full=$(keep full)
./run-bench.sh > "$out/default2.terminal.txt" 2>&1; default2=$(keep default)
python3 scripts/same-day-compare.py "$full.json" "$default1.json" "$default2.json" > "$out/compare.txt"
cat "$out/compare.txt"
