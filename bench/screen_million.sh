#!/usr/bin/env bash
# Times `shortlist screen` on N synthetic applicants (default one million) with
# --decisions, and prints MB/s, records/s and peak memory. A benchmark, not a
# test: run it by hand from the project root after building (build/).
#   [BUILD=build] [SORT_MEMORY=MiB] bench/screen_million.sh [N] [THREADS]
set -euo pipefail
n=${1:-1000000}
threads=${2:-$(nproc)}
build=${BUILD:-build}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$build/bench/generate_applicants" "$n" > "$work/applicants.csv"
bytes=$(stat -c %s "$work/applicants.csv")

/usr/bin/time -v "$build/shortlist" screen -q --threads "$threads" --sort-memory "${SORT_MEMORY:-32}" \
  -r rules/eu-ai-office-2024.yaml "$work/applicants.csv" \
  --decisions "$work/decisions.jsonl" -o "$work/shortlist.csv" 2> "$work/time.txt"

wall=$(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$work/time.txt")
seconds=$(echo "$wall" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
peak_kb=$(awk -F': ' '/Maximum resident set size/{print $2}' "$work/time.txt")
awk -v n="$n" -v b="$bytes" -v s="$seconds" -v kb="$peak_kb" -v t="$threads" 'BEGIN {
  printf "records      %d\n", n
  printf "input        %.1f MB\n", b / 1e6
  printf "threads      %d\n", t
  printf "wall         %.2f s\n", s
  printf "throughput   %.1f MB/s, %.0f records/s\n", b / 1e6 / s, n / s
  printf "peak memory  %.1f MiB\n", kb / 1024
}'
echo "decision lines $(wc -l < "$work/decisions.jsonl")"
