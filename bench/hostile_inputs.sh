#!/usr/bin/env bash
# Times `shortlist inspect` on hostile inputs whose cost could grow with the
# square of their size if the readers were naive: CSV files of stray quotes
# (the lines after a broken quoted field are read again) and a JSON object of
# very many keys (duplicate keys are merged). The time must grow with the file.
# A benchmark, not a test: run it by hand from the project root after building.
#   [BUILD=build] bench/hostile_inputs.sh [LINES]
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

# `a","`: read fresh, each line's quoted field runs to the end of the file.
awk -v n="$lines" 'BEGIN { print "h"; for (i = 0; i < n; i++) print "a\",\"" }' > "$work/reopened_each_line.csv"
# One JSON Lines record of LINES distinct keys.
awk -v n="$lines" 'BEGIN { printf "{"; for (i = 0; i < n; i++) printf "%s\"k%d\":%d", (i ? "," : ""), i, i; print "}" }' \
  > "$work/many_keys.jsonl"

# A header of 100,000 columns, 500 full rows, then LINES rows of one field.
awk -v n="$lines" 'BEGIN {
  for (i = 0; i < 100000; i++) printf "%sc%d", (i ? "," : ""), i; print ""
  row = ""; for (i = 2; i < 100000; i++) row = row ","
  for (i = 0; i < 500; i++) print "A" i "," (i % 5) row
  for (i = 0; i < n; i++) print "x"
}' > "$work/wide_header.csv"
cat > "$work/wide.yaml" <<'RULES'
shortlist: 1
call: { id: WIDE }
fields:
  id: { column: c0 }
  years: { column: c1, type: number }
profiles:
  - id: p
    require:
      - { id: y, field: years, at_least: 1 }
RULES

for f in closed_by_next_line.csv never_closed.csv multi_line_fields.csv reopened_each_line.csv many_keys.jsonl; do
  /usr/bin/time -o "$work/time.txt" -f "%e s, peak %M KiB" \
    "$build/shortlist" inspect "$work/$f" > "$work/out.jsonl"
  echo "$f: $(wc -l < "$work/out.jsonl") records from $(wc -l < "$work/$f") lines (header included)," \
    "$(cat "$work/time.txt")"
done

/usr/bin/time -o "$work/time.txt" -f "%e s, peak %M KiB" \
  "$build/shortlist" screen -q -r "$work/wide.yaml" "$work/wide_header.csv" \
  --decisions "$work/decisions.jsonl" -o "$work/shortlist.csv" || true
echo "wide_header.csv (screen): $(($(wc -l < "$work/decisions.jsonl") - 2)) decisions," \
  "$(cat "$work/time.txt")"
