#!/usr/bin/env bash
# Builds and runs the webmodels benchmarks with a JDK >= 25 that it finds by itself.
#
#   ./run-bench.sh [--verbose]   the default: the server's throughput and CPU per request, every model, with the
#                                selector client (keep-alive and close-per-request), each server in its own JVM;
#                                3 rounds, models interleaved (round 2 in reverse order) so that machine drift
#                                cancels, the reference c-epoll (a C epoll responder, built with gcc) in the middle
#                                of each round; each model's median over rounds, ties named, server CPU also as a
#                                multiple of c-epoll's (--no-reference: without it). About 9.5 minutes on 2 cores.
#                                Ends on one line per model; the report is written beside the JSON, JMH's own
#                                output goes to <same base>.log (--verbose: to the terminal). See docs/method.md.
#   ./run-bench.sh full          publishable: as the default with the settings written on ServerBenchmark (3x5 s
#                                warmup, 5x5 s measurement), 4 rounds, and HttpClient's keepAlive too (an
#                                application client's view): about 2 hours. Narrow with --models a,b or
#                                --methods selectorKeepAlive,...; JMH options after --
#   ./run-bench.sh quick         every model with every client, one short fork each: a look, not a ranking
#   ./run-bench.sh smoke         every benchmark once, very short; fails if any request failed (for CI)
#   ./run-bench.sh work          handler cost: keepAlive of every model at work=none,cpu:50us,sleep:1ms,sleep:10ms,
#                                short iterations (88 trials of about 5 s: about 8 minutes on 2 cores)
#   ./run-bench.sh connections   many connections: keepAlive of every model, each server in its own JVM (fork=true),
#                                while 0, 1000, 5000 and 19000 idle keep-alive connections are held open (server
#                                request timeout 10 min in these trials); short iterations, about 21 minutes
#   ./run-bench.sh latency       the open loop of every model swept from 1,000 to 140,000 req/s, past each one's knee:
#                                12 models and the reference c-epoll x 10 rates, one 3 s iteration after a 1 s
#                                warmup each (about 11.5 minutes);
#                                the report draws each model's latency spectrum, latency against rate and server CPU
#   ./run-bench.sh probe-connections N [MODEL ...]      how many idle connections each model holds, each server
#                                forked; a functional probe, no timing (N=19000, every model: about 4 minutes)
#   ./run-bench.sh soak [MINUTES] [MODEL ...]    a correctness soak (docs/soak.md): every model named (default: every
#                                connection-keeping model) in a JVM of its own, all at once, under good and rude clients
#                                for MINUTES (default 10); fails if a good request failed or descriptors, threads or
#                                RSS grew. Output: jmh-results/tmp/<yyyyMMdd-HHmmss>-soak.txt (+ .machine.json)
#   ./run-bench.sh test          the tests (mvn -B test), then the smoke pass of every benchmark
#   ./run-bench.sh build         build target/benchmarks.jar if it is missing or stale
#   ./run-bench.sh java-home     print the JDK >= 25 this script found
#   ./run-bench.sh profile MODEL[,MODEL...]|all [BENCHMARK]   async-profiler flame graphs (HTML) of each model's
#                                BENCHMARK (default selectorKeepAlive): a CPU pass and an allocation pass, under
#                                jmh-results/<yyyyMMdd-HHmmss>-profile/, with an index.md; about 25 s per model
#   ./run-bench.sh serve MODEL [--OPTION VALUE ...]     one model in the foreground
#   ./run-bench.sh load ... | report ...                the other commands of webmodels.cli.Main
#                                (COMMAND --help explains each)
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
# Arguments after quick or smoke go to JMH as they are: a benchmark regex, -p work=cpu:50us, -t 16, -bm thrpt, ...
# (after work and connections, narrow with -e REGEX: a regex would add benchmarks). The default and full take
# --verbose, --rounds N, --models a,b, --methods m1,m2, --no-reference, then JMH options (e.g. -wi 1, or after --).
# Every profile adds -prof webmodels.bench.FootprintProfiler: the server's threads, RSS and heap as
# secondary results (serverRssMiB, ... when forked; jvmRssMiB, ... when server and client share a JVM).
# Results: jmh-results/<yyyyMMdd-HHmmss>-<profile>.json (JMH's JSON) and beside it
# <same base>.machine.json; smoke writes under jmh-results/tmp/, which git ignores.
set -euo pipefail

cd "$(dirname "$0")"

# Help first: it needs no JDK.
case "${1:-}" in
    -h | --help | help)
        sed -n '2,/^set -euo pipefail/p' "$0" | sed -n 's/^# \{0,1\}//p'
        exit 0
        ;;
esac

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

is_jdk25() {
    local major
    [[ -x "$1/bin/java" && -x "$1/bin/javac" ]] || return 1
    major=$(java_major "$1/bin/java")
    [[ -n "$major" && "$major" -ge 25 ]]
}

# $JAVA_HOME if it is >= 25, else the JDK of `java` on PATH if >= 25, else the newest under /usr/lib/jvm.
find_jdk() {
    if [[ -n "${JAVA_HOME:-}" ]] && is_jdk25 "$JAVA_HOME"; then
        echo "$JAVA_HOME"
        return
    fi
    local on_path home best="" best_major=0 major
    if on_path=$(command -v java 2>/dev/null); then
        home=$(dirname "$(dirname "$(readlink -f "$on_path")")")
        if is_jdk25 "$home"; then
            echo "$home"
            return
        fi
    fi
    for home in /usr/lib/jvm/*; do
        [[ -d "$home" && ! -L "$home" ]] || continue
        is_jdk25 "$home" || continue
        major=$(java_major "$home/bin/java")
        if (( major > best_major )); then
            best=$home
            best_major=$major
        fi
    done
    [[ -n "$best" ]] || die "no JDK 25 or newer found (JAVA_HOME=${JAVA_HOME:-unset}, java on PATH: $(java_major "$(command -v java || echo java)" || true), /usr/lib/jvm/*). webmodels builds for Java 25 (io-uring calls the kernel through the FFM API). Install one, e.g. apt-get install openjdk-25-jdk-headless, or set JAVA_HOME."
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
        # Maven's own libraries call sun.misc.Unsafe; on JDK 24+ that prints warnings that are not ours to fix.
        local maven_opts=${MAVEN_OPTS:-}
        if (($(java_major "$JAVA") >= 24)); then
            maven_opts="$maven_opts --sun-misc-unsafe-memory-access=allow"
        fi
        MAVEN_OPTS=$maven_opts mvn -q -B package -DskipTests
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

# PROFILE_ARGS=(the profile's options that the user does not give too): JMH refuses an option given twice.
# without_user_options PROFILE_ARGS... -- USER_ARGS...
without_user_options() {
    local given=()
    while [[ $# -gt 0 && "$1" != "--" ]]; do
        given+=("$1")
        shift
    done
    [[ $# -gt 0 ]] && shift
    PROFILE_ARGS=()
    local i
    for ((i = 0; i < ${#given[@]}; i++)); do
        if [[ "${given[i]}" == -* && $((i + 1)) -lt ${#given[@]} && "${given[i + 1]}" != -* ]]; then
            # -p NAME=VALUES is the user's when the user sets the same NAME; other -p and -prof add up.
            if [[ "${given[i]}" == -p ]]; then
                if ! printf '%s\n' "$@" | grep -q -- "^${given[i + 1]%%=*}="; then
                    PROFILE_ARGS+=("${given[i]}" "${given[i + 1]}")
                fi
            elif [[ "${given[i]}" == -prof ]] || ! printf '%s\n' "$@" | grep -qxF -- "${given[i]}"; then
                PROFILE_ARGS+=("${given[i]}" "${given[i + 1]}")
            fi
            i=$((i + 1))
        else
            PROFILE_ARGS+=("${given[i]}")
        fi
    done
}

# run_jmh PROFILE DIR MAIN_CLASS PROFILE_ARGS... -- USER_ARGS...
run_jmh() {
    local profile=$1 dir=$2 main=$3
    shift 3
    without_user_options "$@"
    local profile_args=("${PROFILE_ARGS[@]}")
    while [[ $# -gt 0 && "$1" != "--" ]]; do
        shift
    done
    [[ $# -gt 0 ]] && shift
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

# run_rounds PROFILE ROUNDS METHODS JMH_SETTINGS... -- USER_ARGS...
# The models interleaved over rounds (webmodels.bench.InterleavedRun), one JSON with the rounds as forks,
# the report beside it, a summary on the terminal; JMH's output and this JVM's stderr in <base>.log.
run_rounds() {
    local profile=$1 rounds=$2 methods=$3
    shift 3
    local settings=()
    while [[ $# -gt 0 && "$1" != "--" ]]; do
        settings+=("$1")
        shift
    done
    [[ $# -gt 0 ]] && shift
    local ours=(--rounds "$rounds" --methods "$methods") jmh=() verbose=false
    while [[ $# -gt 0 ]]; do
        case "$1" in
            --verbose) ours+=(--verbose); verbose=true ;;
            --no-reference) ours+=(--no-reference) ;;
            --rounds | --methods | --models)
                [[ $# -gt 1 ]] || die "$1 needs a value"
                ours+=("$1" "$2")
                shift
                ;;
            --) shift; jmh+=("$@"); break ;;
            *) jmh+=("$1") ;;
        esac
        shift
    done
    without_user_options "${settings[@]}" -- "${jmh[@]}"
    local base
    mkdir -p jmh-results
    base="jmh-results/$(date +%Y%m%d-%H%M%S)-$profile"
    local cmd=("$JAVA" -cp "$JAR" webmodels.bench.InterleavedRun --json "$base.json" --log "$base.log" "${ours[@]}"
        -- "${PROFILE_ARGS[@]}" "${FOOTPRINT[@]}" "${jmh[@]}")
    "$JAVA" -cp "$JAR" webmodels.bench.MachineFacts "$base.machine.json" "$(git_commit)" \
        "$NATIVE_ACCESS" "${cmd[*]}"
    if $verbose; then
        "${cmd[@]}"
    elif ! "${cmd[@]}" 2>>"$base.log"; then
        echo "run-bench.sh: the $profile run failed; the end of $base.log:" >&2
        tail -n 20 "$base.log" >&2
        return 1
    fi
}

# Few short iterations: enough to see every model and client side by side, not to publish.
readonly QUICK=(-f 1 -wi 1 -w 1s -i 2 -r 1s)
# One very short iteration per benchmark, failing at the first error.
readonly SMOKE=(-f 1 -wi 0 -i 1 -r 200ms -foe true)
# Threads, memory and idle connections of the server under test, in every profile's JSON.
readonly FOOTPRINT=(-prof webmodels.bench.FootprintProfiler)
# The default run: per round and model one fork of 2 x 1 s warm-up and 3 x 1 s measurement per benchmark.
readonly DEFAULT_SETTINGS=(-wi 2 -w 1s -i 3 -r 1s)
readonly DEFAULT_ROUNDS=3
# Each server in its own JVM: its CPU time is its whole process tree's, JIT and GC included, for every model alike.
readonly OWN_JVM=(-p fork=true)
# The server's view (selector client) and an application client's view (HttpClient 5, thrpt and sample).
readonly FULL_METHODS=selectorKeepAlive,selectorClosePerRequest,keepAlive
readonly EVERY_KEEP_ALIVE='^webmodels\.bench\.models\..*Benchmark\.keepAlive$'
# The seed's claim "a slow request makes every other client queue": the same handler made slower.
readonly WORK=(-p work=none,cpu:50us,sleep:1ms,sleep:10ms)
# The open loop of every model at rising rates, past the knee of the fastest (the selector client drives
# reactor closed-loop at about 140,000 req/s on 2 cores).
readonly EVERY_OPEN_LOOP='^webmodels\.bench\.models\..*Benchmark\.openLoop$'
readonly LATENCY=(-f 1 -wi 1 -w 1s -i 1 -r 3s -p connections=32 -p rate=1000,5000,10000,20000,40000,60000,80000,100000,120000,140000)
# Up to 19000 idle connections: the client JVM holds one descriptor per connection, of 20000 per process.
readonly IDLE=(-p fork=true -p idleConnections=0,1000,5000,19000)

# --- profile: async-profiler flame graphs per model -------------------------------------------
readonly ASYNC_PROFILER_JAR=$HOME/.m2/repository/tools/profiler/async-profiler/4.2/async-profiler-4.2.jar
# Longer than quick, so that each graph holds some thousands of samples; one fork, warmup not profiled.
readonly PROFILE_RUN=(-f 1 -wi 1 -w 2s -i 2 -r 3s)

# Extracts linux-x64/libasyncProfiler.so from the async-profiler jar (in ~/.m2 once the build ran) and prints its path.
async_profiler_library() {
    local dir=target/async-profiler
    [[ -f "$ASYNC_PROFILER_JAR" ]] || mvn -q -B dependency:get -Dartifact=tools.profiler:async-profiler:4.2 >&2 \
        || die "cannot fetch tools.profiler:async-profiler:4.2"
    if [[ ! -f "$dir/libasyncProfiler.so" || "$ASYNC_PROFILER_JAR" -nt "$dir/libasyncProfiler.so" ]]; then
        mkdir -p "$dir"
        unzip -o -q -j "$ASYNC_PROFILER_JAR" linux-x64/libasyncProfiler.so -d "$dir" \
            || die "no linux-x64/libasyncProfiler.so in $ASYNC_PROFILER_JAR"
    fi
    readlink -f "$dir/libasyncProfiler.so"
}

# "cpu-clock" when the kernel lets this user open perf events, else "itimer"; the reason on stderr.
cpu_sampling_event() {
    local lib=$1 out
    out=$("$JAVA" "-agentpath:$lib=start,event=cpu-clock,file=/dev/null" -version 2>&1) || true
    if grep -qiE 'perf_event|error|warn' <<<"$out"; then
        echo "run-bench.sh: perf events unavailable ($(grep -iE 'perf_event|error|warn' <<<"$out" | head -n 1)); sampling with itimer" >&2
        echo itimer
    else
        echo cpu-clock
    fi
}

# profile MODELS [BENCHMARK]: for each model a CPU pass and an allocation pass, each writing its flame graph.
profile_models() {
    [[ $# -ge 1 ]] || die "usage: ./run-bench.sh profile MODEL[,MODEL...]|all [BENCHMARK]  (BENCHMARK: selectorKeepAlive by default)"
    local models=$1 benchmark=${2:-selectorKeepAlive}
    [[ "$models" == all ]] && models=blocking,process-per-request,prefork,thread-pool,reactor,thread-per-connection,virtual-threads,multi-reactor,proactor,io-uring,netty-epoll,netty-io-uring
    local lib event mode dir model class pass
    lib=$(async_profiler_library)
    event=$(cpu_sampling_event "$lib")
    if [[ "$event" == cpu-clock ]]; then
        mode="perf events (cpu-clock, software clock of perf_event_open)"
    else
        mode="itimer fallback (perf events unavailable to this user or in this container)"
    fi
    dir=jmh-results/$(date +%Y%m%d-%H%M%S)-profile
    mkdir -p "$dir"
    {
        echo "# Flame graphs: $benchmark"
        echo
        echo "CPU sampling: $mode. Allocation: async-profiler's alloc event (TLAB-driven samples)."
        echo "Settings: ${PROFILE_RUN[*]}; warmup not profiled. Machine: $dir/*.machine.json."
        echo
        echo "| model | CPU | allocation |"
        echo "|---|---|---|"
    } >"$dir/index.md"
    echo "run-bench.sh: CPU sampling mode: $mode" >&2
    for model in ${models//,/ }; do
        # reactor -> ReactorBenchmark, netty-io-uring -> NettyIoUringBenchmark
        class=$(sed -E 's/(^|-)([a-z])/\U\2/g' <<<"$model")Benchmark
        for pass in cpu alloc; do
            local pass_event=$event
            [[ "$pass" == alloc ]] && pass_event=alloc
            run_jmh "profile-$model-$pass" "$dir" webmodels.bench.BenchmarkMain "${PROFILE_RUN[@]}" -- \
                "^webmodels\.bench\.models\.$class\.$benchmark\$" \
                -prof "webmodels.bench.FlameGraphProfiler:libPath=$lib;event=$pass_event;file=$dir/$model-$pass"
        done
        local graphs=() html
        for pass in cpu alloc; do
            html=$(cd "$dir" && for f in "$model-$pass"-*.html; do [[ -f "$f" ]] && printf '[%s](%s) ' "$f" "$f"; done)
            graphs+=("${html:-none}")
        done
        echo "| $model | ${graphs[0]} | ${graphs[1]} |" >>"$dir/index.md"
    done
    echo "run-bench.sh: flame graphs and index in $dir/index.md" >&2
}

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

# No command, or only options (--verbose, ...): the default run.
command=default
if [[ $# -gt 0 && ( "$1" != --* || "$1" == --help ) ]]; then
    command=$1
    shift
fi
case "$command" in
    default)
        build_if_stale
        run_rounds default "$DEFAULT_ROUNDS" selectorKeepAlive,selectorClosePerRequest "${DEFAULT_SETTINGS[@]}" "${OWN_JVM[@]}" -- "$@"
        ;;
    quick)
        build_if_stale
        run_jmh quick jmh-results webmodels.bench.BenchmarkMain "${QUICK[@]}" -- "$@"
        ;;
    full)
        build_if_stale
        run_rounds full 4 "$FULL_METHODS" "${OWN_JVM[@]}" -- "$@"
        ;;
    smoke)
        build_if_stale
        run_jmh smoke jmh-results/tmp webmodels.bench.SmokeRun "${SMOKE[@]}" -- "$@"
        ;;
    work)
        build_if_stale
        # The reference c-epoll answers at once and refuses a handler's work: no row of its own here.
        run_jmh work jmh-results webmodels.bench.BenchmarkMain "${QUICK[@]}" "$EVERY_KEEP_ALIVE" -e CEpollBenchmark "${WORK[@]}" -- "$@"
        ;;
    connections)
        build_if_stale
        run_jmh connections jmh-results webmodels.bench.BenchmarkMain "${QUICK[@]}" "$EVERY_KEEP_ALIVE" "${IDLE[@]}" -- "$@"
        ;;
    latency)
        build_if_stale
        run_jmh latency jmh-results webmodels.bench.BenchmarkMain "${LATENCY[@]}" "$EVERY_OPEN_LOOP" -- "$@"
        ;;
    probe-connections)
        build_if_stale
        exec "${PIN[@]}" "$JAVA" "$NATIVE_ACCESS" -cp "$JAR" webmodels.bench.ConnectionProbe "$@"
        ;;
    soak)
        build_if_stale
        mkdir -p jmh-results/tmp
        soak_base="jmh-results/tmp/$(date +%Y%m%d-%H%M%S)-soak"
        "$JAVA" -cp "$JAR" webmodels.bench.MachineFacts "$soak_base.machine.json" "$(git_commit)" \
            "$NATIVE_ACCESS" "./run-bench.sh soak $*"
        echo "run-bench.sh: soak, output in $soak_base.txt" >&2
        # pipefail: the soak's exit status, not tee's
        "$JAVA" "$NATIVE_ACCESS" -cp "$JAR" webmodels.soak.Soak "$@" | tee "$soak_base.txt"
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
    profile)
        build_if_stale
        profile_models "$@"
        ;;
    serve | load | report)
        build_if_stale
        exec "${PIN[@]}" "$JAVA" "$NATIVE_ACCESS" -cp "$JAR" webmodels.cli.Main "$command" "$@"
        ;;
    *)
        die "unknown command '$command'; one of: default (no command), full, quick, smoke, work, connections, latency, probe-connections, soak, test, build, java-home, profile, serve, load, report"
        ;;
esac
