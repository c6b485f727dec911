#!/usr/bin/env bash
# The server and the benchmarks on two "hosts": two network namespaces of this machine joined by a
# veth pair, with private addresses that exist only inside them. Needs root (ip netns); removes the
# namespaces, and stops the server, on exit, on failure and on Ctrl-C.
#
#   scripts/two-hosts.sh [check]      serve reactor --stats-port in namespace A; in B, a short JMH pass
#                                     (keepAlive, closePerRequest, selectorKeepAlive, openLoop) and
#                                     `load` against it; fails unless every request was answered, none
#                                     failed, the server's CPU per request is there and sane, the model
#                                     and options in the JSON came from the server, both hosts' facts
#                                     are recorded. About a minute. .ci/run runs it.
#   scripts/two-hosts.sh run MODEL [--serve-cpus LIST] [--client-cpus LIST] [--option NAME=VALUE ...] -- RUN_BENCH_ARGS...
#                                     serve MODEL in A (pinned with taskset -c LIST if asked), then in B
#                                     ./run-bench.sh [--client-cpus LIST] RUN_BENCH_ARGS... -p target=...
#                                     e.g. run reactor -- quick 'ReactorBenchmark.selectorKeepAlive$'
#   scripts/two-hosts.sh can          exit 0 when namespaces can be made here, else print why and exit 1
set -euo pipefail

cd "$(dirname "$0")/.."
readonly SERVER_IP=10.213.0.1 CLIENT_IP=10.213.0.2 PORT=9527 STATS_PORT=9528
readonly NS_A="webmodels-a-$$" NS_B="webmodels-b-$$" VETH_A="wmA$$" VETH_B="wmB$$"
readonly SCRATCH=jmh-results/tmp/two-hosts-$$
SERVE_PID=""

say() {
    echo "two-hosts.sh: $*" >&2
}

die() {
    say "$*"
    exit 1
}

# Why namespaces cannot be made here, or nothing when they can.
why_not() {
    [[ $(id -u) -eq 0 ]] || { echo "not root (ip netns needs CAP_SYS_ADMIN)"; return; }
    command -v ip >/dev/null || { echo "no ip command (iproute2)"; return; }
    local probe="webmodels-probe-$$"
    if ! ip netns add "$probe" 2>/dev/null; then
        echo "ip netns add fails here (no network namespaces in this container)"
        return
    fi
    ip netns del "$probe"
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [[ -n "$SERVE_PID" ]] && kill -0 "$SERVE_PID" 2>/dev/null; then
        kill "$SERVE_PID" 2>/dev/null || true # the server's shutdown hook closes it and its children
        wait "$SERVE_PID" 2>/dev/null || true
    fi
    local ns pid
    for ns in "$NS_A" "$NS_B"; do
        if ip netns list 2>/dev/null | grep -qw "$ns"; then
            for pid in $(ip netns pids "$ns" 2>/dev/null); do # only processes this script started live there
                kill -9 "$pid" 2>/dev/null || true
            done
            ip netns del "$ns" # takes its end of the veth pair, and so the pair, with it
        fi
    done
    exit "$status"
}

make_namespaces() {
    trap cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    ip netns add "$NS_A"
    ip netns add "$NS_B"
    ip link add "$VETH_A" type veth peer name "$VETH_B"
    ip link set "$VETH_A" netns "$NS_A"
    ip link set "$VETH_B" netns "$NS_B"
    ip -n "$NS_A" addr add "$SERVER_IP/30" dev "$VETH_A"
    ip -n "$NS_B" addr add "$CLIENT_IP/30" dev "$VETH_B"
    local ns
    for ns in "$NS_A" "$NS_B"; do
        ip -n "$ns" link set lo up
    done
    ip -n "$NS_A" link set "$VETH_A" up
    ip -n "$NS_B" link set "$VETH_B" up
    say "namespaces $NS_A ($SERVER_IP) and $NS_B ($CLIENT_IP) joined by $VETH_A-$VETH_B"
}

# serve_in_a MODEL CPUS [--NAME VALUE ...]: starts the server in A and waits until its stats port is open.
serve_in_a() {
    local model=$1 cpus=$2
    shift 2
    local pin=()
    [[ -n "$cpus" ]] && pin=(taskset -c "$cpus")
    mkdir -p "$SCRATCH"
    ip netns exec "$NS_A" "${pin[@]}" ./run-bench.sh serve "$model" --host "$SERVER_IP" --port "$PORT" \
        --stats-port "$STATS_PORT" "$@" > "$SCRATCH/serve.out" 2>&1 &
    SERVE_PID=$!
    local i
    for ((i = 0; i < 300; i++)); do
        grep -q '^stats of ' "$SCRATCH/serve.out" && break
        kill -0 "$SERVE_PID" 2>/dev/null || die "serve $model stopped before serving: $(cat "$SCRATCH/serve.out")"
        sleep 0.1
    done
    grep -q '^stats of ' "$SCRATCH/serve.out" || die "serve $model did not open its stats port in 30 s: $(cat "$SCRATCH/serve.out")"
    sed 's/^/  [A] /' "$SCRATCH/serve.out" >&2
}

# The JMH JSON a run_bench in B wrote: the newest under DIR.
newest_json() {
    ls -t "$1"/*.json 2>/dev/null | grep -v '\.machine\.json$' | head -n 1
}

check() {
    local model=reactor
    # One option given on purpose, so that the check sees the options come from the server.
    local option_name=spins option_value=100
    ./run-bench.sh build
    make_namespaces
    serve_in_a "$model" "" "--$option_name" "$option_value"
    local target="$SERVER_IP:$PORT"
    say "JMH in $NS_B against $model at $target"
    local before
    before=$(newest_json jmh-results/tmp || true)
    # A check, not a measurement (its CPU range is broad): like the tests' in-process runs it skips
    # JMH's machine-wide lock, so that a benchmark running elsewhere on the machine does not fail it.
    ip netns exec "$NS_B" env JAVA_TOOL_OPTIONS=-Djmh.ignoreLock=true ./run-bench.sh smoke \
        '^webmodels\.bench\.models\.ReactorBenchmark\.(keepAlive|closePerRequest|selectorKeepAlive|openLoop)$' \
        -r 1s -p target="$target" -p rate=1000 -p connections=4
    local results
    results=$(newest_json jmh-results/tmp)
    [[ -n "$results" && "$results" != "$before" ]] || die "the JMH pass wrote no results"
    say "load in $NS_B against http://$target/"
    ip netns exec "$NS_B" ./run-bench.sh load "http://$target/" --rate 1000 --connections 4 --duration 3s \
        | tee "$SCRATCH/load.out"
    local requests ok failed
    read -r requests ok failed < <(sed -n 's/^ *\([0-9]*\) requests in .*, \([0-9]*\) ok, \([0-9]*\) failed$/\1 \2 \3/p' "$SCRATCH/load.out")
    [[ -n "${requests:-}" ]] || die "load printed no request count"
    (( requests > 0 && ok == requests && failed == 0 )) || die "load: $requests requests, $ok ok, $failed failed"
    grep -q '^  Never sent: 0 ' "$SCRATCH/load.out" || die "load left requests unsent: $(grep 'Never sent' "$SCRATCH/load.out")"
    grep -q '^  Errors: none$' "$SCRATCH/load.out" || die "load: $(grep 'Errors' "$SCRATCH/load.out")"
    "$(./run-bench.sh java-home)/bin/java" -cp target/benchmarks.jar webmodels.bench.TwoHostsCheck "$results" "$model" \
        "$option_name=$option_value"
    say "load: $requests requests, all answered; results $results (+ .machine.json)"
}

# run MODEL [--serve-cpus L] [--client-cpus L] [--option NAME=VALUE ...] -- RUN_BENCH_ARGS...
run() {
    [[ $# -ge 1 ]] || die "run needs a MODEL"
    local model=$1 serve_cpus="" client=() options=()
    shift
    while [[ $# -gt 0 && "$1" != "--" ]]; do
        case "$1" in
            --serve-cpus) serve_cpus=${2:?--serve-cpus needs a CPU list}; shift 2 ;;
            --client-cpus) client=(--client-cpus "${2:?--client-cpus needs a CPU list}"); shift 2 ;;
            --option) options+=("--${2%%=*}" "${2#*=}"); shift 2 ;;
            *) die "unknown option $1 (run MODEL [--serve-cpus L] [--client-cpus L] [--option NAME=VALUE] -- ARGS)" ;;
        esac
    done
    [[ $# -gt 0 ]] && shift
    [[ $# -gt 0 ]] || die "run needs run-bench.sh arguments after --, e.g. -- quick 'ReactorBenchmark.selectorKeepAlive\$'"
    ./run-bench.sh build
    make_namespaces
    serve_in_a "$model" "$serve_cpus" "${options[@]}"
    ip netns exec "$NS_B" ./run-bench.sh "${client[@]}" "$@" -p target="$SERVER_IP:$PORT"
}

case "${1:-check}" in
    check)
        reason=$(why_not)
        [[ -z "$reason" ]] || die "cannot make network namespaces: $reason"
        check
        ;;
    run)
        shift
        reason=$(why_not)
        [[ -z "$reason" ]] || die "cannot make network namespaces: $reason"
        run "$@"
        ;;
    can)
        reason=$(why_not)
        [[ -z "$reason" ]] || { echo "$reason"; exit 1; }
        ;;
    *)
        die "unknown command '$1': check (default), run MODEL ... -- ARGS, can"
        ;;
esac
