#!/usr/bin/env bash
# Server CPU time per request under wrk keep-alive load: each server's user + system time from
# /proc/PID/stat (every thread of its process) over one wrk run, divided by the requests wrk
# completed. Models alternate round by round, so drift of the machine hits all alike. Besides the
# models (MODEL[:--opt=value,...] as in wrk-models.sh), `c-epoll` is the suite's C responder
# (src/main/resources/webmodels/bench/c_epoll_hello.c, the reference of the default run; built with
# gcc -O2): the floor a JVM model is held against; `c-epoll@FILE.c` builds and serves another C source
# that takes the port as its argument (the project's first anchor, say).
#
#   scripts/wrk-cpu.sh [-r ROUNDS] [-c CONNECTIONS] [-d DURATION] SPEC ...
#   scripts/wrk-cpu.sh -r 3 -c 64 -d 8s c-epoll io-uring reactor netty-io-uring:--loops=1 netty-epoll:--loops=1
#   scripts/wrk-cpu.sh -r 5 reactor@/tmp/main.jar reactor@/tmp/change.jar   (a change against main, same rounds)
#   scripts/wrk-cpu.sh -r 5 c-epoll c-epoll@/work/shared/anchors/c_epoll_hello.c    (two C floors)
#
# Prints a Markdown table (µs of server CPU per request: mean, min, max over the rounds; req/s;
# wrk's errors) and keeps it, with every round's raw figures, in jmh-results/wrk-cpu-<date>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
need wrk wrk
ROUNDS=3 CONNS=64 DURATION=8s
C_SOURCE=src/main/resources/webmodels/bench/c_epoll_hello.c
while getopts "r:c:d:" opt; do
  case $opt in
    r) ROUNDS=$OPTARG ;; c) CONNS=$OPTARG ;; d) DURATION=$OPTARG ;;
    *) sed -n '2,16p' "$0"; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || { sed -n '2,16p' "$0"; exit 2; }
JAVA=$(webmodels_java)
./run-bench.sh build >/dev/null
JAR=target/benchmarks.jar
PORT=9532
out="jmh-results/wrk-cpu-$(date -u +%Y%m%d-%H%M%S).md"
TICKS=$(getconf CLK_TCK)
declare -A CPU RATE ERRORS
raw=()

# User + system clock ticks of process $1, all its threads (fields 14 and 15, counted after the ")" of comm).
cpu_ticks() {
  awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
}

start_server() {
  local spec=${1%@*} opts=() JAR=$JAR # SPEC@JAR: serve from that jar (a change measured against main)
  [[ $1 == *@* ]] && JAR=${1##*@}
  local model=${spec%%:*}
  if [[ $model == c-epoll ]]; then
    local source=$C_SOURCE
    [[ $1 == *@* ]] && source=${1##*@}
    local binary
    binary="target/c_epoll-$(sha256sum "$source" | cut -c1-12)"
    [[ -x $binary ]] || gcc -O2 -o "$binary" "$source"
    # stdin from /dev/null: the suite's responder ends at the end of a pipe's input, not of /dev/null's
    "$binary" "$PORT" </dev/null >/dev/null & SERVE_PID=$!
    for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && return 0; sleep 0.1; done
    echo "c-epoll did not start" >&2; return 1
  fi
  if [[ $spec == *:* ]]; then
    IFS=',' read -ra pairs <<<"${spec#*:}"
    for pair in "${pairs[@]}"; do opts+=("${pair%%=*}" "${pair#*=}"); done
  fi
  serve_start "$model" "$PORT" "${opts[@]}"
}

for round in $(seq 1 "$ROUNDS"); do
  for spec in "$@"; do
    start_server "$spec"
    wrk -t1 -c"$CONNS" -d2s "http://127.0.0.1:$PORT/" >/dev/null 2>&1 || true  # warm the JIT
    before=$(cpu_ticks "$SERVE_PID")
    result=$(wrk -t1 -c"$CONNS" -d"$DURATION" "http://127.0.0.1:$PORT/" 2>&1 || true)
    after=$(cpu_ticks "$SERVE_PID")
    serve_stop
    requests=$(awk '/requests in/ {print $1}' <<<"$result")
    rate=$(awk '/Requests\/sec/ {print $2}' <<<"$result")
    errs=$(grep -E 'Socket errors|Non-2xx' <<<"$result" | tr -s ' ' | paste -sd';' - || true)
    us=$(awk -v t=$((after - before)) -v hz="$TICKS" -v n="${requests:-0}" 'BEGIN { if (n > 0) printf "%.2f", t / hz * 1e6 / n; else print "nan" }')
    CPU[$spec]="${CPU[$spec]:-} $us"
    RATE[$spec]="${RATE[$spec]:-} ${rate:-0}"
    ERRORS[$spec]="${ERRORS[$spec]:-}${errs:+ r$round: $errs}"
    raw+=("| $round | \`$spec\` | ${requests:-0} | $((after - before)) | $us | ${rate:-?} |")
    echo "round $round $spec: $us µs CPU/request, ${rate:-?} req/s ${errs}" >&2
  done
done

stats() { tr ' ' '\n' <<<"$1" | awk 'NF {s+=$1; if (min==""||$1<min) min=$1; if ($1>max) max=$1; n++} END {printf "%.2f %.2f %.2f\n", s/n, min, max}'; }
{
  echo "| server | CPU µs/request (mean) | min | max | req/s (mean) | errors |"
  echo "|---|---|---|---|---|---|"
  for spec in "$@"; do
    read -r mean min max < <(stats "${CPU[$spec]}")
    read -r rate _ _ < <(stats "${RATE[$spec]}")
    echo "| \`$spec\` | $mean | $min | $max | ${rate%.*} | ${ERRORS[$spec]:-none} |"
  done
  echo
  echo "Command: \`scripts/wrk-cpu.sh -r $ROUNDS -c $CONNS -d $DURATION $*\` ($(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), Linux $(uname -r), $("$JAVA" -version 2>&1 | head -1)); wrk -t1 and the server share the machine; server CPU = user + system of its process from /proc/PID/stat ($TICKS ticks/s) over the wrk run."
  echo
  echo "| round | server | requests | CPU ticks | µs/request | req/s |"
  echo "|---|---|---|---|---|---|"
  printf '%s\n' "${raw[@]}"
} | tee "$out"
