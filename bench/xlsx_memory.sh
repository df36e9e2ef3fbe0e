#!/usr/bin/env bash
# Peak memory of `shortlist screen` reading XLSX workbooks of growing size:
# N synthetic applicants (bench/generate_applicants, CVs of about 350
# characters) turned into a workbook as Excel writes one (every text a shared
# string: bench/csv_to_xlsx.py), for each N given. Memory must not grow with
# the rows. A benchmark, not a test: run it by hand from the project root
# after building (build/).
#   [BUILD=build] bench/xlsx_memory.sh [N...]
set -euo pipefail
build=${BUILD:-build}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(25000 50000 100000 200000)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "| rows | workbook | shared strings | inspect: wall | peak | screen -o: wall | peak | with --sort-memory 4: peak |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for n in "${sizes[@]}"; do
  "$build/bench/generate_applicants" "$n" 2024 6 > "$work/a.csv"
  python3 bench/csv_to_xlsx.py "$work/a.csv" "$work/a.xlsx"
  strings=$(python3 -c 'import sys, zipfile
print(zipfile.ZipFile(sys.argv[1]).getinfo("xl/sharedStrings.xml").file_size)' "$work/a.xlsx")
  # The reader alone (records printed as JSON Lines), then a screening run,
  # whose sorts hold up to --sort-memory (32 MiB) before they spill.
  /usr/bin/time -f "%e %M" -o "$work/time" "$build/shortlist" inspect "$work/a.xlsx" > /dev/null
  read -r inspect_wall inspect_kb < "$work/time"
  rm -f "$work/s.csv"
  /usr/bin/time -f "%e %M" -o "$work/time" "$build/shortlist" screen -q \
    -r bench/engine_job.yaml "$work/a.xlsx" -o "$work/s.csv"
  read -r wall kb < "$work/time"
  rm -f "$work/s.csv"
  /usr/bin/time -f "%e %M" -o "$work/time" "$build/shortlist" screen -q --sort-memory 4 \
    -r bench/engine_job.yaml "$work/a.xlsx" -o "$work/s.csv"
  read -r _ small_kb < "$work/time"
  printf '| %d | %.1f MB | %.1f MB | %.2f s | %.1f MiB | %.2f s | %.1f MiB | %.1f MiB |\n' "$n" \
    "$(echo "$(stat -c %s "$work/a.xlsx") / 1000000" | bc -l)" \
    "$(echo "$strings / 1000000" | bc -l)" "$inspect_wall" "$(echo "$inspect_kb / 1024" | bc -l)" \
    "$wall" "$(echo "$kb / 1024" | bc -l)" "$(echo "$small_kb / 1024" | bc -l)"
done
