#!/usr/bin/env bash
# Runs every libFuzzer target of a CASEBOARD_FUZZ build over its committed corpus:
#   tests/fuzz/run.sh <build dir> <libFuzzer flag>…    (-max_total_time=20, -runs=10000000, …)
# A target passes when libFuzzer ends without a crash, leak, time-out or broken invariant; the
# input that failed is kept in <build dir>/fuzz/crashes/. Inputs found on the way go to
# <build dir>/fuzz/found/, never into the committed corpus. Ends with "fuzz: N passed, N failed".
# FUZZ_TARGETS="http_request case_input" runs only those.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$1
shift
out="$build/fuzz"
mkdir -p "$out/crashes"
passed=0 failed=0
for target in ${FUZZ_TARGETS:-http_request case_input case_filter ws_frames}; do
  extra=()
  # Long enough for a request head past the 16 KiB limit to be tried byte by byte.
  [ "$target" = http_request ] && extra=(-max_len=20480)
  mkdir -p "$out/found/$target"
  log="$out/$target.log"
  started=$SECONDS
  "$out/fuzz_$target" "$@" "${extra[@]}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$out/crashes/$target-" "$out/found/$target" "$here/corpus/$target" >"$log" 2>&1
  status=$?
  seconds=$((SECONDS - started))
  runs=$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$log" | tail -1)
  if [ "$status" -eq 0 ]; then
    passed=$((passed + 1))
    echo "fuzz $target: passed, ${runs:-?} executions in $seconds s, 0 crashes"
  else
    failed=$((failed + 1))
    echo "fuzz $target: FAILED (exit $status) after ${runs:-?} executions in $seconds s; the end of $log:"
    tail -40 "$log"
  fi
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
