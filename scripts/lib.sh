# Shared helpers for the scripts in this folder: find the JDK and the jar, start and stop `serve`.
# Sourced, not run.

# Finds a JDK >= 25 (JAVA_HOME, then PATH, then /usr/lib/jvm) the way run-bench.sh does.
webmodels_java() {
  "$(dirname "${BASH_SOURCE[0]}")/../run-bench.sh" java-home >/dev/null || return 1
  echo "$("$(dirname "${BASH_SOURCE[0]}")/../run-bench.sh" java-home)/bin/java"
}

# serve_start MODEL PORT [serve options...]: starts `serve` in the background, waits until it answers.
serve_start() {
  local model=$1 port=$2; shift 2
  "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$JAR" webmodels.cli.Main serve "$model" --port "$port" "$@" \
    > "/tmp/webmodels-serve-$model.log" 2>&1 &
  SERVE_PID=$!
  for _ in $(seq 1 100); do
    if grep -q '^serving' "/tmp/webmodels-serve-$model.log" 2>/dev/null; then return 0; fi
    if ! kill -0 "$SERVE_PID" 2>/dev/null; then cat "/tmp/webmodels-serve-$model.log" >&2; return 1; fi
    sleep 0.1
  done
  echo "serve $model did not start in 10 s" >&2
  return 1
}

# serve_stop: SIGTERM, which closes the server and its children; waits for the JVM to exit.
serve_stop() {
  kill -TERM "$SERVE_PID" 2>/dev/null
  wait "$SERVE_PID" 2>/dev/null || true
}

# need TOOL PACKAGE: installs a Debian package when its tool is missing, or says what to do.
need() {
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing $2 for $1" >&2
    apt-get install -y -q "$2" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q "$2" >/dev/null; }
  fi
  command -v "$1" >/dev/null 2>&1 || { echo "this script needs $1: apt-get install $2" >&2; exit 1; }
}
