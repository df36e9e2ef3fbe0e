#!/usr/bin/env bash
# Times `shortlist report` on the decision record of N generated applicants
# (default one million) against reading that record once (`shortlist explain
# --id`, which parses every line with the same parser and keeps one
# applicant's), in turn, RUNS times each; prints the medians, their ratio and
# each command's peak memory. The target (docs/performance.md): the report
# within 2x of reading the record once, its memory set by --sort-memory, not
# by N. A benchmark, not a test: run it by hand from the project root after
# building (build/).
#   [BUILD=build] [RUNS=5] [SORT_MEMORY=MiB] bench/report_vs_reading.sh [N]
set -euo pipefail
n=${1:-1000000}
runs=${RUNS:-5}
build=${BUILD:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$build/bench/generate_applicants" "$n" > "$work/applicants.csv"
"$build/shortlist" screen -q -r rules/eu-ai-office-2024.yaml "$work/applicants.csv" \
  --decisions "$work/decisions.jsonl" -o "$work/shortlist.csv"
id=$(sed -n 2p "$work/decisions.jsonl" | sed 's/.*"id":"\([^"]*\)".*/\1/')

# One timed run: appends "seconds peak_kib" to $2.
timed() {
  local out=$1; shift
  /usr/bin/time -f '%e %M' -o "$work/one.txt" "$@" > /dev/null
  cat "$work/one.txt" >> "$out"
}
for _ in $(seq "$runs"); do
  timed "$work/report.txt" "$build/shortlist" report "$work/decisions.jsonl" \
    --sort-memory "${SORT_MEMORY:-32}" -o "$work/report.html"
  timed "$work/read.txt" "$build/shortlist" explain "$work/decisions.jsonl" --id "$id"
done

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
report_s=$(cut -d' ' -f1 "$work/report.txt" | median)
read_s=$(cut -d' ' -f1 "$work/read.txt" | median)
report_kib=$(cut -d' ' -f2 "$work/report.txt" | sort -n | tail -1)
read_kib=$(cut -d' ' -f2 "$work/read.txt" | sort -n | tail -1)
awk -v n="$n" -v runs="$runs" -v rs="$report_s" -v es="$read_s" -v rk="$report_kib" -v ek="$read_kib" \
    -v lines="$(wc -l < "$work/decisions.jsonl")" -v bytes="$(stat -c %s "$work/decisions.jsonl")" \
    -v html="$(stat -c %s "$work/report.html")" 'BEGIN {
  printf "applicants       %d (%d record lines, %.1f MB)\n", n, lines, bytes / 1e6
  printf "report           %.2f s median of %d, peak %.1f MiB, %.1f MB of HTML\n", rs, runs, rk / 1024, html / 1e6
  printf "reading once     %.2f s median of %d, peak %.1f MiB\n", es, runs, ek / 1024
  printf "ratio            %.2fx (target: at most 2x)\n", rs / es
}'
