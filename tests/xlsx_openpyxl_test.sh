#!/usr/bin/env bash
# The xlsx shortlist (SPEC 6 v1.1) read by a second reader, Python's openpyxl
# (Debian's python3-openpyxl), and held cell by cell to the CSV shortlist of
# the same run (tests/xlsx_compare.py): one sheet per profile with the names
# of docs/behaviour.md, the header frozen and filtered, ranks and scores
# numbers, every other value a string, no formula; control characters shown
# as U+FFFD while the decision record keeps them escaped.
# Skips (exit 77) when /usr/bin/python3 cannot import openpyxl.
# Usage: xlsx_openpyxl_test.sh SHORTLIST SOURCE_DIR (ctest passes them).
set -uo pipefail
# shellcheck source=tests/install_test_support.sh
source "$(dirname "$0")/install_test_support.sh"
binary=$1 source_dir=$2
python=/usr/bin/python3

if ! "$python" -c 'import openpyxl' 2>/dev/null; then
  echo "SKIP: $python cannot import openpyxl (apt-get install python3-openpyxl)"
  exit 77
fi

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
cd "$root" || exit 1

# Five profiles, screened alike: two ids alike in their first 31 characters,
# one with every character Excel refuses in a sheet name, Excel's reserved
# "history", and one that no record matches (a sheet with its header only).
profile() {
  cat <<YAML
  - id: $1
    when: { field: years, at_least: $2 }
    require:
      - { id: named, field: name, present: true }
    score:
      - { id: years, field: years, each: "0.5" }
      - { id: rate, field: rate, each: "0.000001" }
YAML
}
{
  cat <<'YAML'
shortlist: 1
call:
  id: XLSX
fields:
  id:    { column: id }
  name:  { column: name }
  years: { column: years, type: number }
  rate:  { column: rate, type: number }
output:
  columns: [name, years]
profiles:
YAML
  profile a-profile-whose-id-is-longer-than-31-characters 0
  profile a-profile-whose-id-is-longer-than-31-characters-too 0
  profile "\"'x[1]:y*z?/w\\\\'\"" 0
  profile history 0
  profile empty 100
} >rules.yaml

# Scores: A1 0.5 x 10 = 5; B2 0.5 x 4 + 0.000001 x 1234567890.123456 =
# 1236.567890123456 (16 significant digits: text); C3 1.5; D4 0.5. E5 has no
# name: ineligible, listed with --status. Names that start formulas, a
# numeric-looking id, wide characters, and controls (U+0001, U+007F, U+0085)
# with a tab and a line break.
cat >in.json <<'JSON'
[
{"id": "A1", "name": "=1+1", "years": "10", "rate": "0"},
{"id": "00123", "name": "-2+3", "years": "4", "rate": "1234567890.123456"},
{"id": "C3", "name": "Åsa Lindqvist 中文", "years": "3", "rate": "0"},
{"id": "D4", "name": "a\u0001b\u007fc\u0085d\te\nf", "years": "1", "rate": "0"},
{"id": "E5", "years": "2", "rate": "0"}
]
JSON

run() {
  "$binary" screen -r rules.yaml in.json -q --status shortlisted,ineligible "$@" 2>>stderr.txt ||
    fail "screen $* exited $?: $(cat stderr.txt)"
}
run -o out.csv --decisions d.jsonl
run -o out.xlsx

"$python" "$source_dir/tests/xlsx_compare.py" out.xlsx out.csv d.jsonl ||
  fail "the xlsx shortlist does not match the csv (see above)"
finish
