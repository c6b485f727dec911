#!/usr/bin/env bash
# Reproduces the seed article's table: `ab -n 100000 -c 8` (close per request, HTTP/1.0) against
# our Java counterpart of each of the seed's five servers, started with `serve`, one at a time.
#
#   scripts/seed-table.sh [REQUESTS]          # default 100000, as the seed; process-per-request gets 1/100 of it
#
# Writes a Markdown table to stdout and to jmh-results/seed-table-<date>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
need ab apache2-utils
JAVA=$(webmodels_java)
./run-bench.sh build >/dev/null
JAR=target/benchmarks.jar
N=${1:-100000}
PORT=9527
out="jmh-results/seed-table-$(date -u +%Y%m%d-%H%M%S).md"

# The seed's figures (Python 2, 8 cores, its author's machine), in seconds for 100000 requests.
declare -A SEED=([blocking]=1.568 [process-per-request]="not given" [prefork]=1.640 [thread-pool]=3.901 [reactor]=1.582)

{
  echo "| model | seed (s, 100000 req) | requests | time (s) | req/s | failed | non-2xx |"
  echo "|---|---|---|---|---|---|---|"
  for model in blocking process-per-request prefork thread-pool reactor; do
    n=$N
    [ "$model" = process-per-request ] && n=$(( N / 100 ))
    serve_start "$model" "$PORT"
    result=$(ab -q -n "$n" -c 8 "http://127.0.0.1:$PORT/" 2>&1 || true)
    serve_stop
    time=$(awk '/Time taken for tests/ {print $5}' <<<"$result")
    rps=$(awk '/Requests per second/ {print $4}' <<<"$result")
    failed=$(awk '/Failed requests/ {print $3}' <<<"$result")
    non2xx=$(awk '/Non-2xx responses/ {print $3}' <<<"$result")
    echo "| $model | ${SEED[$model]} | $n | ${time:-?} | ${rps:-?} | ${failed:-?} | ${non2xx:-0} |"
  done
  echo
  echo "Command: \`scripts/seed-table.sh $N\` ($(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $("$JAVA" -version 2>&1 | head -1))."
} | tee "$out"
