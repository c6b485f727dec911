#!/usr/bin/env bash
# How much of a JMH number is the client? Holds wrk (C, event-driven, in its own process) against
# the suite's two JMH keep-alive clients (HttpClient 5 and the raw-socket client) on the same model
# with the same concurrency, one after the other, and prints the ratios.
#
#   scripts/client-overhead.sh [MODEL] [CONNECTIONS]      # default: reactor 8
#
# wrk runs against `serve MODEL` (server alone in its JVM); the JMH benchmarks run the server in the
# benchmark JVM beside the clients, as every benchmark does. Needs wrk (installed if missing) and
# python3 (to read JMH's JSON). Writes jmh-results/client-overhead-<date>.md; the JMH JSON is the quick run's.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
need wrk wrk
MODEL=${1:-reactor} CONNS=${2:-8}
JAVA=$(webmodels_java)
./run-bench.sh build >/dev/null
JAR=target/benchmarks.jar
stamp=$(date -u +%Y%m%d-%H%M%S)
out="jmh-results/client-overhead-$stamp.md"
class=$(python3 -c "import sys; print(''.join(p.capitalize() for p in sys.argv[1].split('-')) + 'Benchmark')" "$MODEL")

serve_start "$MODEL" 9532
wrk -t1 -c"$CONNS" -d2s http://127.0.0.1:9532/ >/dev/null 2>&1 || true
wrk_rate=$(wrk -t1 -c"$CONNS" -d10s http://127.0.0.1:9532/ | awk '/Requests\/sec/ {print $2}')
serve_stop

json=$(./run-bench.sh quick "\.$class\.(keepAlive|rawKeepAlive)$" -bm thrpt -t "$CONNS" -wi 2 -w 2s -i 3 -r 3s 2>&1 >/dev/null \
    | sed -n 's/.*results in \(.*\.json\)$/\1/p')
python3 - "$json" "$wrk_rate" "$MODEL" "$CONNS" <<'PY' | tee "$out"
import json, sys
results, wrk, model, conns = json.load(open(sys.argv[1])), float(sys.argv[2]), sys.argv[3], sys.argv[4]
print(f"| client ({model}, {conns} connections, keep-alive) | req/s | ratio to wrk | server CPU µs/req | client CPU µs/req |")
print("|---|---|---|---|---|")
print(f"| wrk -t1 -c{conns} -d10s against serve | {wrk:,.0f} | 1.00 | | |")
for r in results:
    name = r["benchmark"].rsplit(".", 1)[1]
    rate = r["primaryMetric"]["score"] * 1000  # ops/ms -> req/s
    sec = r["secondaryMetrics"]
    req = sec["requests"]["score"]
    cpu = lambda k: f"{sec[k]['score'] / req / 1000:.1f}" if k in sec and req else "n/a"
    label = {"keepAlive": "JMH keepAlive (HttpClient 5)", "rawKeepAlive": "JMH rawKeepAlive (raw socket)"}[name]
    print(f"| {label} | {rate:,.0f} | {rate / wrk:.2f} | {cpu('serverCpuNanos')} | {cpu('clientCpuNanos')} |")
PY
echo >> "$out"
echo "Command: \`scripts/client-overhead.sh $MODEL $CONNS\`, JMH JSON in \`$json\` ($(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $("$JAVA" -version 2>&1 | head -1))." | tee -a "$out"
