#!/usr/bin/env bash
# Regenerates the result tables in README.md and docs/*.md from the JSON they cite, so that no
# figure in a table is typed by hand. A table is a block between two markers:
#
#   <!-- report --markdown jmh-results/X.json [Y.json ...] | TITLE[, TITLE ...] -->
#   ... replaced by the tables of `./run-bench.sh report --markdown X.json ...` titled TITLE ...
#   <!-- end report -->
#
# TITLE is a table's bold title in report --markdown's output (Selector client, Open loop,
# work: rawKeepAlive (throughput), ...). Results a script wrote as Markdown (ab, wrk, the
# connection probe) are copied whole, the same way:
#
#   <!-- include jmh-results/seed-table-X.md -->
#   ... the file ...
#   <!-- end include -->
#
#   scripts/docs-tables.sh            # rewrite the blocks in place; git diff shows what changed
set -euo pipefail
cd "$(dirname "$0")/.."
./run-bench.sh build >/dev/null

# tables FILES TITLES: the report's tables for FILES titled one of TITLES, in the order of TITLES.
tables() {
  local files=$1 titles=$2
  # shellcheck disable=SC2086 # FILES is a list of paths without spaces
  ./run-bench.sh report --markdown $files 2>/dev/null | awk -v titles="$titles" '
    BEGIN { n = split(titles, wanted, /, */); RS = ""; ORS = "\n\n" }
    /^\*\*.*\*\*$/ { title = substr($0, 3, length($0) - 4) }
    { block[title] = block[title] $0 ORS }
    END { for (i = 1; i <= n; i++) if (wanted[i] in block) printf "%s", block[wanted[i]] }'
}

for doc in README.md docs/*.md; do
  [[ -f $doc ]] || continue
  grep -q '^<!-- \(report --markdown\|include\) ' "$doc" || continue
  tmp=$(mktemp)
  skipping=0
  while IFS= read -r line; do
    if [[ $line =~ ^'<!-- report --markdown '(.*)' | '(.*)' -->'$ ]]; then
      printf '%s\n\n' "$line"
      tables "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'
      printf '\n'
      skipping=1
    elif [[ $line =~ ^'<!-- include '(.*)' -->'$ ]]; then
      printf '%s\n\n' "$line"
      cat "${BASH_REMATCH[1]}"
      printf '\n'
      skipping=1
    elif [[ $line == '<!-- end report -->' || $line == '<!-- end include -->' ]]; then
      printf '%s\n' "$line"
      skipping=0
    elif (( ! skipping )); then
      printf '%s\n' "$line"
    fi
  done <"$doc" >"$tmp"
  (( ! skipping )) || { rm -f "$tmp"; echo "docs-tables.sh: $doc: a block has no '<!-- end report -->'" >&2; exit 1; }
  mv "$tmp" "$doc"
  echo "docs-tables.sh: $doc"
done
