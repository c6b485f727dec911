#!/usr/bin/env bash
# Builds and runs the webmodels benchmarks with a JDK >= 21 that it finds by itself.
#
#   ./run-bench.sh [quick]       every model with both clients, a few minutes on 2 cores (the default)
#   ./run-bench.sh full          publishable: the settings written on ServerBenchmark (2 forks, 3x5 s warmup,
#                                5x5 s measurement), about an hour
#   ./run-bench.sh smoke         every benchmark once, very short; fails if any request failed (for CI)
#   ./run-bench.sh work          handler cost: keepAlive of every model at work=none,cpu:50us,sleep:1ms,sleep:10ms,
#                                short iterations (88 trials of about 5 s: about 8 minutes on 2 cores)
#   ./run-bench.sh connections   many connections: keepAlive of every model, each server in its own JVM (fork=true),
#                                while 0, 1000, 5000 and 19000 idle keep-alive connections are held open (server
#                                request timeout 10 min in these trials); short iterations, about 20 minutes
#   ./run-bench.sh probe-connections N [MODEL ...]      how many idle connections each model holds, each server
#                                forked; a functional probe, no timing (N=19000, every model: about 4 minutes)
#   ./run-bench.sh test          the tests (mvn -B test), then the smoke pass of every benchmark
#   ./run-bench.sh build         build target/benchmarks.jar if it is missing or stale
#   ./run-bench.sh java-home     print the JDK >= 21 this script found
#   ./run-bench.sh serve MODEL [--OPTION VALUE ...]     one model in the foreground
#   ./run-bench.sh load ... | report ...                the other commands of webmodels.cli.Main
#   ./run-bench.sh --client-cpus LIST COMMAND ...       any of the above with the benchmark JVM and its forks pinned
#                                to the CPUs LIST (taskset -c), e.g. --client-cpus 1 ... -p fork=true -p serverCpus=0:
#                                on 2 cores, the server on one and the client on the other
#
# A server on another host or network namespace: serve it there with a stats port
# (./run-bench.sh serve reactor --host 10.0.0.1 --port 9527 --stats-port 9528), then here
# ./run-bench.sh quick 'ReactorBenchmark.selectorKeepAlive' -p target=10.0.0.1:9527 (stats port: port + 1,
# or -p targetStats=HOST:PORT). The machine file then names both hosts; scripts/two-hosts.sh does it all
# across two network namespaces.
#
# Arguments after quick, full or smoke go to JMH as they are: a benchmark regex, -p work=cpu:50us,
# -t 16, -bm thrpt, ... (after work and connections, narrow with -e REGEX: a regex would add benchmarks).
# Every profile adds -prof webmodels.bench.FootprintProfiler: the server's threads, RSS and heap as
# secondary results (serverRssMiB, ... when forked; jvmRssMiB, ... when server and client share a JVM).
# Results: jmh-results/<yyyyMMdd-HHmmss>-<profile>.json (JMH's JSON) and beside it
# <same base>.machine.json; smoke writes under jmh-results/tmp/, which git ignores.
set -euo pipefail

cd "$(dirname "$0")"
readonly JAR=target/benchmarks.jar
readonly NATIVE_ACCESS=--enable-native-access=ALL-UNNAMED

die() {
    echo "run-bench.sh: $*" >&2
    exit 1
}

# The major version of the java executable $1 (17, 21, 25), or nothing if it does not run.
java_major() {
    "$1" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java\.specification\.version = \(1\.\)\{0,1\}\([0-9]*\).*/\2/p' | head -n 1
}

is_jdk21() {
    local major
    [[ -x "$1/bin/java" && -x "$1/bin/javac" ]] || return 1
    major=$(java_major "$1/bin/java")
    [[ -n "$major" && "$major" -ge 21 ]]
}

# $JAVA_HOME if it is >= 21, else the JDK of `java` on PATH if >= 21, else the newest under /usr/lib/jvm.
find_jdk() {
    if [[ -n "${JAVA_HOME:-}" ]] && is_jdk21 "$JAVA_HOME"; then
        echo "$JAVA_HOME"
        return
    fi
    local on_path home best="" best_major=0 major
    if on_path=$(command -v java 2>/dev/null); then
        home=$(dirname "$(dirname "$(readlink -f "$on_path")")")
        if is_jdk21 "$home"; then
            echo "$home"
            return
        fi
    fi
    for home in /usr/lib/jvm/*; do
        [[ -d "$home" && ! -L "$home" ]] || continue
        is_jdk21 "$home" || continue
        major=$(java_major "$home/bin/java")
        if (( major > best_major )); then
            best=$home
            best_major=$major
        fi
    done
    [[ -n "$best" ]] || die "no JDK 21 or newer found (JAVA_HOME=${JAVA_HOME:-unset}, java on PATH: $(java_major "$(command -v java || echo java)" || true), /usr/lib/jvm/*). Install one, e.g. apt-get install openjdk-21-jdk-headless, or set JAVA_HOME."
    echo "$best"
}

JAVA_HOME=$(find_jdk)
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
readonly JAVA="$JAVA_HOME/bin/java"

# Rebuilds when the jar is missing or older than any source file or the pom.
build_if_stale() {
    if [[ ! -f "$JAR" ]] || [[ -n "$(find src pom.xml -newer "$JAR" -print -quit)" ]]; then
        echo "run-bench.sh: building $JAR with $JAVA_HOME" >&2
        mvn -q -B package -DskipTests
    fi
    unzip -l "$JAR" | grep 'META-INF/BenchmarkList' >/dev/null \
        || die "$JAR has no META-INF/BenchmarkList: JMH's annotation processor did not run"
}

git_commit() {
    local commit
    commit=$(git rev-parse HEAD 2>/dev/null) || { echo unknown; return; }
    if [[ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]]; then
        commit="$commit-dirty"
    fi
    echo "$commit"
}

# The CPU numbers of a list such as 0,2-3, one a line; fails on anything else.
expand_cpus() {
    local part parts
    IFS=, read -ra parts <<< "$1"
    [[ ${#parts[@]} -gt 0 ]] || return 1
    for part in "${parts[@]}"; do
        if [[ "$part" =~ ^([0-9]+)-([0-9]+)$ ]] && (( BASH_REMATCH[1] <= BASH_REMATCH[2] )); then
            seq "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
        elif [[ "$part" =~ ^[0-9]+$ ]]; then
            echo "$part"
        else
            return 1
        fi
    done
}

# Fails unless every CPU of the list $1 is online here, naming what was asked and what there is.
require_cpus() {
    local online asked missing
    online=$(cat /sys/devices/system/cpu/online 2>/dev/null) || die "--client-cpus needs Linux (no /sys/devices/system/cpu/online)"
    command -v taskset >/dev/null || die "--client-cpus needs taskset (util-linux)"
    asked=$(expand_cpus "$1") || die "--client-cpus '$1' is not a CPU list such as 1, 0-1 or 0,2"
    missing=$(comm -23 <(sort -u <<< "$asked") <(expand_cpus "$online" | sort -u))
    [[ -z "$missing" ]] || die "--client-cpus $1: this machine has CPUs $online only"
}

# The value of JMH's -p NAME=VALUE among the arguments, or nothing.
jmh_param() {
    local name=$1 i
    shift
    local args=("$@")
    for ((i = 0; i + 1 < ${#args[@]}; i++)); do
        if [[ "${args[i]}" == -p && "${args[i + 1]}" == "$name="* ]]; then
            echo "${args[i + 1]#"$name="}"
        fi
    done
}

# run_jmh PROFILE DIR MAIN_CLASS PROFILE_ARGS... -- USER_ARGS...
run_jmh() {
    local profile=$1 dir=$2 main=$3
    shift 3
    local given=()
    while [[ $# -gt 0 && "$1" != "--" ]]; do
        given+=("$1")
        shift
    done
    [[ $# -gt 0 ]] && shift
    # A profile's option the user gives too is the user's: JMH refuses an option given twice.
    local profile_args=() i
    for ((i = 0; i < ${#given[@]}; i++)); do
        if [[ "${given[i]}" == -* && $((i + 1)) -lt ${#given[@]} && "${given[i + 1]}" != -* ]]; then
            if ! printf '%s\n' "$@" | grep -qxF -- "${given[i]}"; then
                profile_args+=("${given[i]}" "${given[i + 1]}")
            fi
            i=$((i + 1))
        else
            profile_args+=("${given[i]}")
        fi
    done
    local base
    mkdir -p "$dir"
    base="$dir/$(date +%Y%m%d-%H%M%S)-$profile"
    # The forks get $NATIVE_ACCESS from @Fork(jvmArgsAppend) on ServerBenchmark, so that a plain
    # java -jar has it too. Not given to this JVM: JMH would pass this JVM's flags on to the forks
    # as well, and they would have it twice.
    local cmd=("${PIN[@]}" "$JAVA" -cp "$JAR" "$main" "${profile_args[@]}" "${FOOTPRINT[@]}" -rf json -rff "$base.json" "$@")
    local placement=(clientCpus="$CLIENT_CPUS")
    local name
    for name in serverCpus target targetStats; do
        placement+=("$name=$(jmh_param "$name" "${profile_args[@]}" "$@" | tail -n 1)")
    done
    # With a target, this reads its stats port: a server that is not there fails the run before it starts.
    "${PIN[@]}" "$JAVA" -cp "$JAR" webmodels.bench.MachineFacts "$base.machine.json" "$(git_commit)" \
        "$NATIVE_ACCESS" "${cmd[*]}" "${placement[@]}"
    echo "run-bench.sh: $profile run, results in $base.json" >&2
    "${cmd[@]}"
}

# Few short iterations: enough to see every model and client side by side, not to publish.
readonly QUICK=(-f 1 -wi 1 -w 1s -i 2 -r 1s)
# One very short iteration per benchmark, failing at the first error.
readonly SMOKE=(-f 1 -wi 0 -i 1 -r 200ms -foe true)
# Threads, memory and idle connections of the server under test, in every profile's JSON.
readonly FOOTPRINT=(-prof webmodels.bench.FootprintProfiler)
readonly EVERY_KEEP_ALIVE='^webmodels\.bench\.models\..*Benchmark\.keepAlive$'
# The seed's claim "a slow request makes every other client queue": the same handler made slower.
readonly WORK=(-p work=none,cpu:50us,sleep:1ms,sleep:10ms)
# Up to 19000 idle connections: the client JVM holds one descriptor per connection, of 20000 per process.
readonly IDLE=(-p fork=true -p idleConnections=0,1000,5000,19000)

# --client-cpus LIST: every JVM this script starts runs under taskset -c LIST, and JMH's forks inherit it.
CLIENT_CPUS=""
PIN=()
if [[ "${1:-}" == --client-cpus ]]; then
    [[ $# -ge 2 ]] || die "--client-cpus needs a CPU list, e.g. --client-cpus 1"
    require_cpus "$2"
    CLIENT_CPUS=$2
    PIN=(taskset -c "$CLIENT_CPUS")
    shift 2
fi
readonly CLIENT_CPUS PIN

command=${1:-quick}
[[ $# -gt 0 ]] && shift
case "$command" in
    quick)
        build_if_stale
        run_jmh quick jmh-results webmodels.bench.BenchmarkMain "${QUICK[@]}" -- "$@"
        ;;
    full)
        build_if_stale
        run_jmh full jmh-results webmodels.bench.BenchmarkMain -- "$@"
        ;;
    smoke)
        build_if_stale
        run_jmh smoke jmh-results/tmp webmodels.bench.SmokeRun "${SMOKE[@]}" -- "$@"
        ;;
    work)
        build_if_stale
        run_jmh work jmh-results webmodels.bench.BenchmarkMain "${QUICK[@]}" "$EVERY_KEEP_ALIVE" "${WORK[@]}" -- "$@"
        ;;
    connections)
        build_if_stale
        run_jmh connections jmh-results webmodels.bench.BenchmarkMain "${QUICK[@]}" "$EVERY_KEEP_ALIVE" "${IDLE[@]}" -- "$@"
        ;;
    probe-connections)
        build_if_stale
        exec "${PIN[@]}" "$JAVA" "$NATIVE_ACCESS" -cp "$JAR" webmodels.bench.ConnectionProbe "$@"
        ;;
    test)
        # Tests first; then every benchmark runs once, briefly, so one that throws cannot land.
        mvn -B test "$@"
        build_if_stale
        run_jmh smoke jmh-results/tmp webmodels.bench.SmokeRun "${SMOKE[@]}" --
        ;;
    build)
        build_if_stale
        ;;
    java-home)
        echo "$JAVA_HOME"
        ;;
    serve | load | report)
        build_if_stale
        exec "${PIN[@]}" "$JAVA" "$NATIVE_ACCESS" -cp "$JAR" webmodels.cli.Main "$command" "$@"
        ;;
    -h | --help | help)
        sed -n '2,/^set -euo pipefail/p' "$0" | sed -n 's/^# \{0,1\}//p'
        ;;
    *)
        die "unknown command '$command'; one of: quick (default), full, smoke, work, connections, probe-connections, test, build, java-home, serve, load, report"
        ;;
esac
