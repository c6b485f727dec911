#!/usr/bin/env bash
# How much of a JMH number is the client? Holds wrk (C, one event-driven thread, in its own process)
# against the suite's three JMH keep-alive clients on the same model with the same number of
# connections, and prints each one's ratio to wrk with the server's and the client's CPU per request:
#   keepAlive          HttpClient 5, one blocking thread per connection
#   rawKeepAlive       the raw-socket client, one blocking thread per connection
#   selectorKeepAlive  the selector client, one thread for every connection (wrk's shape), with the
#                      server in the benchmark JVM (fork=false) and in a JVM of its own (fork=true)
#
#   scripts/client-overhead.sh [MODEL] [CONNECTIONS]      # default: reactor 8
#
# wrk runs against `serve MODEL` (the server alone in its JVM) twice, before and after the JMH runs,
# so that drift of the machine shows; ratios are to the mean of the two. Server CPU under wrk is the
# whole serve JVM (/proc: JIT and GC threads too, which JMH leaves out), wrk's own CPU its rusage.
# Needs wrk (installed if missing) and python3.
# Writes jmh-results/client-overhead-<date>.md; the JMH JSON files are named in it.
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
PORT=9532

# wrk_round NAME: 10 s of wrk against serve MODEL; writes "req/s server-cpu-ns client-cpu-ns" to /tmp/NAME.
wrk_round() {
    serve_start "$MODEL" "$PORT"
    python3 - "$SERVE_PID" "$CONNS" "$PORT" "/tmp/webmodels-$1" <<'PY'
import os, re, resource, subprocess, sys
pid, conns, port, out = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
tick = os.sysconf("SC_CLK_TCK")
def server_cpu_ns():  # utime + stime of the serve JVM, from /proc
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1e9 / tick
url = f"http://127.0.0.1:{port}/"
subprocess.run(["wrk", "-t1", f"-c{conns}", "-d2s", url], capture_output=True)  # warm the server's JIT
before_server, before = server_cpu_ns(), resource.getrusage(resource.RUSAGE_CHILDREN)
text = subprocess.run(["wrk", "-t1", f"-c{conns}", "-d10s", url], capture_output=True, text=True, check=True).stdout
after_server, after = server_cpu_ns(), resource.getrusage(resource.RUSAGE_CHILDREN)
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
requests = int(re.search(r"(\d+) requests in", text).group(1))
errors = re.search(r"Socket errors:.*|Non-2xx.*", text)
if errors:
    print("wrk reported: " + errors.group(0), file=sys.stderr)
client_ns = ((after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)) * 1e9
open(out, "w").write(f"{rate} {(after_server - before_server) / requests} {client_ns / requests}\n")
PY
    serve_stop
}

# jmh_run ARGS...: one quick JMH run; prints the path of its JSON.
jmh_run() {
    ./run-bench.sh quick "$@" -bm thrpt -wi 2 -w 2s -i 3 -r 3s 2>&1 >/dev/null | sed -n 's/.*results in \(.*\.json\)$/\1/p'
}

wrk_round wrk-before
blocking_json=$(jmh_run "\.$class\.(keepAlive|rawKeepAlive)$" -t "$CONNS")
selector_json=$(jmh_run "\.$class\.selectorKeepAlive$" -t 1 -p connections="$CONNS" -p fork=false,true)
wrk_round wrk-after

python3 - "$MODEL" "$CONNS" /tmp/webmodels-wrk-before /tmp/webmodels-wrk-after "$blocking_json" "$selector_json" <<'PY' | tee "$out"
import json, sys
model, conns = sys.argv[1], sys.argv[2]
wrk = [list(map(float, open(f).read().split())) for f in sys.argv[3:5]]
reference = (wrk[0][0] + wrk[1][0]) / 2
print(f"| client ({model}, {conns} connections, keep-alive) | req/s | ratio to wrk | server CPU µs/req | client CPU µs/req |")
print("|---|--:|--:|--:|--:|")
for label, (rate, server, client) in zip(("before", "after"), wrk):
    print(f"| wrk -t1 -c{conns} -d10s against serve ({label} the JMH runs) | {rate:,.0f} | {rate / reference:.2f} "
          f"| {server / 1000:.1f} | {client / 1000:.1f} |")
labels = {"keepAlive": f"JMH keepAlive (HttpClient 5, {conns} threads)",
          "rawKeepAlive": f"JMH rawKeepAlive (raw socket, {conns} threads)",
          "selectorKeepAlive": "JMH selectorKeepAlive (selector client, 1 thread)"}
for path in sys.argv[5:7]:
    for r in json.load(open(path)):
        name = r["benchmark"].rsplit(".", 1)[1]
        label = labels[name]
        if name == "selectorKeepAlive":
            label += ", server " + ("in its own JVM" if r["params"].get("fork") == "true" else "in the JMH JVM")
        rate = r["primaryMetric"]["score"] * 1000  # ops/ms -> req/s
        sec = r["secondaryMetrics"]
        req = sec["requests"]["score"]
        cpu = lambda k: f"{sec[k]['score'] / req / 1000:.1f}" if k in sec and req else "n/a"
        failed = sec["failures"]["score"]
        note = f" ({failed:.0f} failed)" if failed else ""
        print(f"| {label}{note} | {rate:,.0f} | {rate / reference:.2f} | {cpu('serverCpuNanos')} | {cpu('clientCpuNanos')} |")
PY
{
    echo
    echo "Ratios are to the mean of the two wrk rounds. Command: \`scripts/client-overhead.sh $MODEL $CONNS\`;" \
        "JMH JSON: \`$blocking_json\`, \`$selector_json\`" \
        "($(date -u +%Y-%m-%d), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
        "$("$JAVA" -version 2>&1 | head -1))."
} | tee -a "$out"
