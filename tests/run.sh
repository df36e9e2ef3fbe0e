#!/usr/bin/env bash
# Runs the whole test suite twice: an optimized build with warnings as errors,
# then a Debug build under AddressSanitizer and UndefinedBehaviorSanitizer
# (both replay the fuzz regression inputs of tests/corpus/); then builds the
# libFuzzer targets with clang and runs each for 15 seconds (fuzz/run.sh).
# Run from the project root; needs the packages listed in README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)

cmake -S . -B build -DSHORTLIST_WERROR=ON
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

cmake -S . -B build-sanitize -DCMAKE_BUILD_TYPE=Debug -DSHORTLIST_SANITIZE=ON -DSHORTLIST_WERROR=ON
cmake --build build-sanitize -j"$jobs"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-sanitize --output-on-failure -j"$jobs"

bash fuzz/run.sh 15
