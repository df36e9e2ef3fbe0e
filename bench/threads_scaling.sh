#!/usr/bin/env bash
# How much faster two threads screen than one: PAIRS paired runs of
# `screen -o` on the job of bench/engine_job.yaml over N generated applicants,
# one thread and two in turn (which goes first alternates), and the median of
# their wall-time ratios (and, beside it, the fastest run of each against the
# other's). Then the machine's own ceiling: PAIRS runs of one
# one-thread `screen` alone against two of them side by side, which shows
# what a second busy core costs the first one before any software overhead.
# A benchmark, not a test: run it by hand from the project root after
# building (build/). It exits 0 whatever it measures.
#   [BUILD=build] [PAIRS=11] [FILE=applicants.csv] bench/threads_scaling.sh [N]
# FILE reuses an existing applicants file instead of generating N records.
set -euo pipefail
n=${1:-1000000}
build=${BUILD:-build}
pairs=${PAIRS:-11}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
s="$build/shortlist"

if [ -n "${FILE:-}" ]; then
  input=$FILE
else
  input="$work/applicants.csv"
  "$build/bench/generate_applicants" "$n" 2024 6 > "$input"
  # To disk now, untimed: its write-back would land on the timed runs.
  sync "$input"
fi
bytes=$(stat -c %s "$input")
records=$(($(wc -l < "$input") - 1))  # the generator writes no line breaks in fields

# wall THREADS OUT: runs one screen and prints its wall time in seconds, to
# the millisecond (/usr/bin/time rounds to hundredths).
wall() {
  rm -f "$2"
  local start end
  start=$(date +%s%N)
  "$s" screen -q --threads "$1" -r bench/engine_job.yaml "$input" -o "$2"
  end=$(date +%s%N)
  echo "($end - $start) / 1000000000" | bc -l
}

# median: the middle line of numbers on standard input (the lower middle of an
# even count); range: the smallest and the largest.
median() { sort -n | awk '{a[NR] = $1} END {printf "%.3f", a[int((NR + 1) / 2)]}'; }
range() { sort -n | awk 'NR == 1 {lo = $1} {hi = $1} END {printf "%.3f to %.3f", lo, hi}'; }

wall 2 "$work/warm.csv" > /dev/null

: > "$work/ratios"; : > "$work/one"; : > "$work/two"
for i in $(seq "$pairs"); do
  # Warmed again before every pair: on a machine whose host takes back memory,
  # the file's pages can leave the cache between runs, and the run that reads
  # them from disk would be timed on the disk.
  cat "$input" > /dev/null
  if [ $((i % 2)) -eq 1 ]; then
    w1=$(wall 1 "$work/o1.csv"); w2=$(wall 2 "$work/o2.csv")
  else
    w2=$(wall 2 "$work/o2.csv"); w1=$(wall 1 "$work/o1.csv")
  fi
  cmp -s "$work/o1.csv" "$work/o2.csv" || { echo "one and two threads wrote different shortlists" >&2; exit 1; }
  echo "$w1" >> "$work/one"; echo "$w2" >> "$work/two"
  echo "$w1 / $w2" | bc -l >> "$work/ratios"
done

# The ceiling: one one-thread run alone, then two side by side, in turn.
: > "$work/alone"; : > "$work/side"; : > "$work/ceiling"
for _ in $(seq "$pairs"); do
  cat "$input" > /dev/null
  a=$(wall 1 "$work/a.csv")
  wall 1 "$work/b.csv" > "$work/b.wall" &
  c=$(wall 1 "$work/c.csv")
  wait
  b=$(cat "$work/b.wall")
  echo "$a" >> "$work/alone"; echo "$b" >> "$work/side"; echo "$c" >> "$work/side"
  # Two threads could at best be 2x one divided by what the neighbour costs.
  echo "2 * $a / (($b + $c) / 2)" | bc -l >> "$work/ceiling"
done

printf 'records %d, input %.1f MB, %d paired runs of screen -o, page cache warm\n\n' \
  "$records" "$(echo "$bytes / 1000000" | bc -l)" "$pairs"
printf '| | median | range |\n| --- | ---: | ---: |\n'
printf '| one thread, wall | %s s | %s s |\n' "$(median < "$work/one")" "$(range < "$work/one")"
printf '| two threads, wall | %s s | %s s |\n' "$(median < "$work/two")" "$(range < "$work/two")"
printf '| **two threads against one** | **%sx** | %sx |\n' "$(median < "$work/ratios")" "$(range < "$work/ratios")"
# The fastest run of each against the other: a neighbour's work only ever
# adds time, so the least disturbed runs are the fastest.
best_one=$(sort -n "$work/one" | head -1); best_two=$(sort -n "$work/two" | head -1)
printf '| the fastest one-thread run against the fastest two-thread run | %.3fx | |\n' \
  "$(echo "$best_one / $best_two" | bc -l)"
printf '| one thread alone, wall | %s s | %s s |\n' "$(median < "$work/alone")" "$(range < "$work/alone")"
printf '| one thread beside another, wall | %s s | %s s |\n' "$(median < "$work/side")" "$(range < "$work/side")"
printf '| the machine'"'"'s ceiling for two threads | %sx | %sx |\n' "$(median < "$work/ceiling")" "$(range < "$work/ceiling")"
