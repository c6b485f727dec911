#!/usr/bin/env bash
# The driver's send lateness from the command line (load and the server each in a JVM of its own),
# three builds alternating, round by round, at rates where the server falls behind:
#   old.jar   before: a request sent late within one turn counted its wait for a connection as the driver's
#   fix1.jar  a request is noticed when every connection is busy (before the selector is polled again)
#   fix2.jar  noticed when every connection is still busy after the poll, with all that fell due during the turn
#   jmh-results/20261206-open-loop/driver-fix/cli.sh DIR_WITH_THE_JARS
set -euo pipefail
cd "$(dirname "$0")"
jars=$1
java=$(../../../run-bench.sh java-home)/bin/java
for round in 1 2; do
    for model in reactor netty-epoll; do
        for build in old fix1 fix2; do
            "$java" --enable-native-access=ALL-UNNAMED -cp "$jars/$build.jar" webmodels.cli.Main serve $model --port 19701 > /dev/null 2>&1 & s=$!
            sleep 1.5
            for rate in 120000 140000; do
                f=cli-$model-$rate-$build-r$round.txt
                "$java" --enable-native-access=ALL-UNNAMED -cp "$jars/$build.jar" webmodels.cli.Main load http://127.0.0.1:19701/ \
                    --rate $rate --connections 32 --duration 5s --warmup 2s > "$f"
                echo "$model $rate $build r$round: p99 $(grep -E '^ +99\.000%' "$f" | awk '{print $NF}') late $(grep 'Sent late' "$f" | awk '{print $3}') unsent $(grep 'Never sent' "$f" | awk '{print $3}') | $(grep 'Driver:' "$f" | sed 's/.*sent //; s/ after the schedule//') | flagged $(grep -c DRIVER-LIMITED "$f" || true)"
            done
            kill $s; wait $s || true
        done
    done
done
