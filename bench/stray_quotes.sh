#!/usr/bin/env bash
# Times `shortlist inspect` on CSV files made of stray quotes, the worst cases
# for re-reading the lines after a broken quoted field: the time must grow
# with the file, not with its square. A benchmark, not a test: run it by hand
# from the project root after building (build/).
#   [BUILD=build] bench/stray_quotes.sh [LINES]
set -euo pipefail
lines=${1:-300000}
build=${BUILD:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Every line opens a quote that the next line's quote closes, text following.
awk -v n="$lines" 'BEGIN { print "a"; for (i = 0; i < n; i++) print "\"x" }' > "$work/closed_by_next_line.csv"
# One quote near the top that nothing closes, then plain lines.
awk -v n="$lines" 'BEGIN { print "a"; print "\"x"; for (i = 0; i < n; i++) print "plain" }' > "$work/never_closed.csv"
# Quoted fields holding a line break, closed properly, then one never closed.
awk -v n="$lines" 'BEGIN { print "a"; for (i = 0; i < n; i++) printf "\"p\nq\"\n"; print "\"end" }' > "$work/multi_line_fields.csv"

for f in closed_by_next_line never_closed multi_line_fields; do
  /usr/bin/time -o "$work/time.txt" -f "%e s, peak %M KiB" \
    "$build/shortlist" inspect "$work/$f.csv" > "$work/out.jsonl"
  echo "$f: $(wc -l < "$work/out.jsonl") records from $(($(wc -l < "$work/$f.csv") - 1)) lines," \
    "$(cat "$work/time.txt")"
done
