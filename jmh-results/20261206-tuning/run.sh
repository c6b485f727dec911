#!/usr/bin/env bash
# Issue 15, item 2: two candidate changes to reactor's hot path against main, server CPU µs per
# request under wrk -t1 -c64, 5 alternating rounds, the C responder as the floor, the machine to
# itself. The candidates are jars built beforehand, main's and main's with c1.patch or c2.patch
# applied (`git apply jmh-results/20261206-tuning/c1.patch && mvn -B -q package -DskipTests`):
#   main.jar  main as committed
#   c1.jar    RequestParser reuses the last target String when the bytes are the same (no String per request)
#   c2.jar    EventLoop reads the clock once per loop turn for the deadlines, not once per response
# Run from the repository root: jmh-results/20261206-tuning/run.sh DIR_WITH_THE_JARS
set -euo pipefail
cd "$(dirname "$0")/../.."
jars=$1
scripts/wrk-cpu.sh -r 5 -c 64 -d 8s c-epoll reactor@"$jars"/main.jar reactor@"$jars"/c1.jar reactor@"$jars"/c2.jar
mv "$(ls -t jmh-results/wrk-cpu-*.md | head -n 1)" jmh-results/20261206-tuning/
