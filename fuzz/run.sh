#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in build-fuzz/ and runs each one for
# a fixed time, one after the other (docs/fuzzing.md).
#
#   bash fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
#
# SECONDS_PER_TARGET defaults to 15; TARGET is csv_reader, json_reader,
# rules_loader, screen or xlsx_reader (default: all five). Seeds come from samples/, rules/,
# tests/corpus/ and, when present, the conformance suites in
# ../shared/conformance; they are gathered under build-fuzz/seeds/ (nothing is
# copied into the tree). What a run finds new is kept in build-fuzz/corpus/ for
# the next run. Exits non-zero if any target crashes, leaks, runs out of memory
# or times out, and prints where the input that did it was saved.
# SHORTLIST_FUZZ_BUILD names another build folder than build-fuzz.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-15}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=(csv_reader json_reader rules_loader screen xlsx_reader); fi
build=${SHORTLIST_FUZZ_BUILD:-build-fuzz}
shared=../shared/conformance

CC=${CC:-clang-14} CXX=${CXX:-clang++-14} cmake -S . -B "$build" \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSHORTLIST_FUZZ=ON -DSHORTLIST_TESTS=OFF \
  -DSHORTLIST_WERROR=ON >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]/%/_fuzz}"

# add_seeds TARGET FILE...: copies seed files into the target's seed folder.
add_seeds() {
  local dir=$build/seeds/$1
  shift
  local f
  for f in "$@"; do
    [ -f "$f" ] && cp "$f" "$dir/$(basename "$(dirname "$f")")_$(basename "$f")"
  done
  return 0
}

# The first lines of a sample, and the same records as a JSON array.
head -n 8 samples/applicants.csv >"$build/head.csv"
head -n 6 samples/applicants.jsonl >"$build/head.jsonl"
{ echo '['; sed '$!s/$/,/' "$build/head.jsonl"; echo ']'; } >"$build/head.json"

for t in csv_reader json_reader rules_loader screen xlsx_reader; do
  rm -rf "$build/seeds/$t"
  mkdir -p "$build/seeds/$t" "$build/corpus/$t" "$build/crashes"
done
shopt -s nullglob
add_seeds csv_reader samples/*.csv "$build/head.csv" tests/corpus/csv_reader/* \
  tests/corpus/screen/*.csv "$shared"/csv-spectrum/csvs/*.csv
add_seeds json_reader samples/*.jsonl "$build/head.jsonl" "$build/head.json" \
  tests/corpus/json_reader/* tests/corpus/screen/*.json* "$shared"/JSONTestSuite/test_parsing/*.json
add_seeds rules_loader rules/*.yaml fuzz/every_operator.yaml tests/corpus/rules_loader/*
add_seeds screen "$build/head.csv" "$build/head.jsonl" "$build/head.json" tests/corpus/screen/*
# Not text-bomb.xlsx: it reads a gigabyte of text before it is refused, which
# takes longer than the fuzzers' timeout under the sanitizers.
add_seeds xlsx_reader samples/*.xlsx tests/corpus/xlsx_reader/* \
  $(ls tests/data/xlsx/*.xlsx | grep -v text-bomb)
cat fuzz/csv_reader.dict fuzz/json_reader.dict >"$build/screen.dict"

passed=0
failed=0
for t in "${targets[@]}"; do
  case $t in
    csv_reader) dict=fuzz/csv_reader.dict; max_len=8192 ;;
    json_reader) dict=fuzz/json_reader.dict; max_len=8192 ;;
    rules_loader) dict=fuzz/rules_loader.dict; max_len=16384 ;;
    screen) dict=$build/screen.dict; max_len=4096 ;;
    xlsx_reader) dict=fuzz/xlsx_reader.dict; max_len=65536 ;;
    *) echo "fuzz/run.sh: unknown target '$t'" >&2; exit 2 ;;
  esac
  log=$build/$t.log
  echo "== $t: ${seconds}s"
  rc=0
  "$build/fuzz/${t}_fuzz" "$build/corpus/$t" "$build/seeds/$t" -dict="$dict" \
    -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$build/crashes/$t-" >"$log" 2>&1 || rc=$?
  grep -E '^#[0-9]+.*(pulse|DONE)' "$log" | tail -n 1 || true
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb)' "$log" || true
  if [ "$rc" -eq 0 ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    tail -n 60 "$log"
    echo "fuzz/run.sh: $t failed (exit $rc); log: $build/$t.log" >&2
    grep -oE "Test unit written to [^ ]+" "$log" | sed 's/^/fuzz\/run.sh: /' >&2 || true
  fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
