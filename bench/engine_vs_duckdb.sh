#!/usr/bin/env bash
# Times shortlist against DuckDB on the same job and file, side by side in one
# run: bench/engine_job.yaml for shortlist, bench/engine_job.sql for DuckDB
# (DuckDB 1.5.6 through @duckdb/node-api from npm, installed on first use under
# ~/.cache/shortlist-bench), with the parse floor beside them (a quote-aware
# scan that only counts records, bench/csv_scan_floor.cpp). A benchmark, not a
# test: run it by hand from the project root after building (build/). It
# prints one table, medians of RUNS whole-process runs each, and checks that
# both shortlists are the same.
#   [BUILD=build] [RUNS=3] bench/engine_vs_duckdb.sh [N]
set -euo pipefail
n=${1:-1000000}
build=${BUILD:-build}
runs=${RUNS:-3}
duck=${DUCKDB_DIR:-$HOME/.cache/shortlist-bench/duckdb}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ ! -d "$duck/node_modules/@duckdb/node-api" ]; then
  mkdir -p "$duck"
  (cd "$duck" && npm install --silent --no-audit --no-fund @duckdb/node-api@1.5.6-r.1 > /dev/null)
fi
cp bench/duckdb_job.mjs "$duck/"

"$build/bench/generate_applicants" "$n" 2024 6 > "$work/applicants.csv"
bytes=$(stat -c %s "$work/applicants.csv")
# The new file goes to the disk now, untimed: its write-back, due half a
# minute after it was written, would otherwise land on the runs timed then.
sync "$work/applicants.csv"

# time_median LABEL OUTPUTS COMMAND...: the median wall time and the largest
# peak of RUNS runs, as "LABEL<TAB>seconds<TAB>MiB". OUTPUTS, the files the
# command writes (separated by spaces), are removed before each run, untimed,
# so that every run writes new files as the first one does.
time_median() {
  local label=$1 outputs=$2; shift 2
  local walls=() peak=0
  for _ in $(seq "$runs"); do
    # shellcheck disable=SC2086 # a list of paths without spaces
    rm -f $outputs
    # Read into the page cache again, untimed: the host of a virtual machine
    # can take a file's pages back between runs, and a run would then be
    # timed on the disk.
    cat "$work/applicants.csv" > /dev/null
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" > /dev/null 2>> "$work/stderr"
    read -r wall kb < "$work/time"
    walls+=("$wall")
    [ "$kb" -gt "$peak" ] && peak=$kb
  done
  local median
  median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  printf '%s\t%s\t%s\n' "$label" "$median" "$((peak / 1024))" >> "$work/rows"
}

s="$build/shortlist"
time_median "DuckDB, the same job as one SQL statement, 2 threads" "$work/duckdb.csv" \
  node "$duck/duckdb_job.mjs" bench/engine_job.sql "$work/applicants.csv" 2 "$work/duckdb.csv"
time_median "shortlist screen -o (2 threads)" "$work/ours.csv" \
  "$s" screen -q --threads 2 -r bench/engine_job.yaml "$work/applicants.csv" -o "$work/ours.csv"
time_median "shortlist screen -o --decisions (2 threads)" "$work/o2.csv $work/decisions.jsonl" \
  "$s" screen -q --threads 2 -r bench/engine_job.yaml "$work/applicants.csv" -o "$work/o2.csv" \
  --decisions "$work/decisions.jsonl"
time_median "shortlist screen -o --threads 1" "$work/o1.csv" \
  "$s" screen -q --threads 1 -r bench/engine_job.yaml "$work/applicants.csv" -o "$work/o1.csv"
time_median "shortlist inspect (parse and print, no rules)" "" \
  "$s" inspect "$work/applicants.csv"
time_median "shortlist inspect -r (typed)" "" \
  "$s" inspect -r bench/engine_job.yaml "$work/applicants.csv"
# The parse floor (bench/csv_scan_floor.cpp), which must see every record.
time_median "a quote-aware CSV scan, 1 thread (the parse floor)" "" \
  "$build/bench/csv_scan_floor" "$work/applicants.csv"
scanned=$("$build/bench/csv_scan_floor" "$work/applicants.csv")
if [ "${scanned%% *}" != "$((n + 1))" ]; then
  echo "the parse floor counted $scanned, not $((n + 1)) records" >&2
  exit 1
fi

printf 'records %d, input %.1f MB, median of %d runs each, page cache warm\n\n' \
  "$n" "$(echo "$bytes / 1000000" | bc -l)" "$runs"
awk -F'\t' -v bytes="$bytes" '
  NR == 1 { duck = $2 }
  { rows[NR] = $0; label[NR] = $1; wall[NR] = $2; peak[NR] = $3 }
  END {
    print "| | wall | MB/s | peak | throughput vs DuckDB |"
    print "| --- | ---: | ---: | ---: | ---: |"
    for (i = 1; i <= NR; ++i)
      printf "| %s | %.2f s | %.0f | %d MiB | %.2fx |\n", label[i], wall[i],
             bytes / 1e6 / wall[i], peak[i], duck / wall[i]
  }' "$work/rows"
if diff <(cut -d, -f1-4 "$work/ours.csv") "$work/duckdb.csv" > /dev/null; then
  echo; echo "The two shortlists are the same ($(($(wc -l < "$work/ours.csv") - 1)) rows)."
else
  echo; echo "The shortlists DIFFER: the SQL is not the same job on this data." >&2
  exit 1
fi
