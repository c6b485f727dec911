#!/usr/bin/env bash
# Prints the table of every *.json here (JMH JSON): model, setup, req/s, server and client CPU us/request, failures.
cd "$(dirname "$0")"
for f in r*.json; do
    [[ $f == *.machine.json ]] && continue
    jq -r --arg f "${f%.json}" '.[] | [$f, (.benchmark | sub(".*models\\."; "") | sub("Benchmark.*"; "")),
        (.primaryMetric.score * 1000 | floor),
        (.secondaryMetrics.serverCpuNanos.score / .secondaryMetrics.requests.score / 1000 * 100 | round / 100),
        (.secondaryMetrics.clientCpuNanos.score / .secondaryMetrics.requests.score / 1000 * 100 | round / 100),
        .secondaryMetrics.failures.score, .secondaryMetrics.requests.score] | @tsv' "$f"
done
