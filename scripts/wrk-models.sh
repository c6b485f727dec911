#!/usr/bin/env bash
# Holds models against each other under wrk keep-alive load, alternating them round by round so
# that drift of the machine hits all alike. Each argument is a model with its serve options,
# written MODEL[:--opt=value,--opt=value].
#
#   scripts/wrk-models.sh [-r ROUNDS] [-c CONNECTIONS] [-d DURATION] [-t THREADS] MODEL[:opts] ...
#   scripts/wrk-models.sh -r 3 -c 64 -d 10s netty-epoll:--loops=1 reactor reactor:--select=busy-poll
#
# Prints a Markdown table (mean, min and max req/s over the rounds, and wrk's error counts) and
# keeps it in jmh-results/wrk-<date>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
need wrk wrk
ROUNDS=3 CONNS=64 DURATION=10s THREADS=1
while getopts "r:c:d:t:" opt; do
  case $opt in
    r) ROUNDS=$OPTARG ;; c) CONNS=$OPTARG ;; d) DURATION=$OPTARG ;; t) THREADS=$OPTARG ;;
    *) sed -n '2,10p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || { sed -n '2,10p' "$0"; exit 2; }
JAVA=$(webmodels_java)
./run-bench.sh build >/dev/null
JAR=target/benchmarks.jar
PORT=9531
out="jmh-results/wrk-$(date -u +%Y%m%d-%H%M%S).md"
declare -A RATES ERRORS

for round in $(seq 1 "$ROUNDS"); do
  for spec in "$@"; do
    model=${spec%%:*}
    opts=()
    if [[ $spec == *:* ]]; then
      IFS=',' read -ra pairs <<<"${spec#*:}"
      for pair in "${pairs[@]}"; do opts+=("${pair%%=*}" "${pair#*=}"); done
    fi
    serve_start "$model" "$PORT" "${opts[@]}"
    wrk -t1 -c"$CONNS" -d1s "http://127.0.0.1:$PORT/" >/dev/null 2>&1 || true  # warm the JIT
    result=$(wrk -t"$THREADS" -c"$CONNS" -d"$DURATION" "http://127.0.0.1:$PORT/" 2>&1 || true)
    serve_stop
    rate=$(awk '/Requests\/sec/ {print $2}' <<<"$result")
    errs=$(grep -E 'Socket errors|Non-2xx' <<<"$result" | tr -s ' ' | paste -sd';' - || true)
    RATES[$spec]="${RATES[$spec]:-} ${rate:-0}"
    ERRORS[$spec]="${ERRORS[$spec]:-}${errs:+ r$round: $errs}"
    echo "round $round $spec: ${rate:-?} req/s ${errs}" >&2
  done
done

{
  echo "| model | mean req/s | min | max | errors |"
  echo "|---|---|---|---|---|"
  for spec in "$@"; do
    read -r mean min max < <(tr ' ' '\n' <<<"${RATES[$spec]}" | awk 'NF {s+=$1; if (min==""||$1<min) min=$1; if ($1>max) max=$1; n++} END {printf "%.0f %.0f %.0f\n", s/n, min, max}')
    echo "| \`$spec\` | $mean | $min | $max | ${ERRORS[$spec]:-none} |"
  done
  echo
  echo "Command: \`scripts/wrk-models.sh -r $ROUNDS -c $CONNS -d $DURATION -t $THREADS $*\` ($(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $("$JAVA" -version 2>&1 | head -1)); wrk and the server share the machine."
} | tee "$out"
