#!/usr/bin/env bash
# The fuzz targets of tests/fuzz run long (from the repository root, as root on Debian 12):
#
#   bash bench/fuzz.sh                  10 million executions per target
#   FUZZ_RUNS=1000000 bash bench/fuzz.sh
#   FUZZ_TARGETS="http_request case_input" bash bench/fuzz.sh   only those targets
#
# Installs clang-14 and its libFuzzer runtime if missing, builds the targets into build-fuzz/ and
# runs each for FUZZ_RUNS executions over the committed corpus; prints, per target, the
# executions, the seconds and the crashes (a crashing input is kept in build-fuzz/fuzz/crashes/).
# Exits non-zero if any target failed. Runs nothing but the fuzz targets; no network.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${FUZZ_RUNS:-10000000}
scripts/install-deps.sh fuzz
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCASEBOARD_FUZZ=ON \
  -DCMAKE_CXX_COMPILER=clang++-14 >/dev/null
cmake --build build-fuzz -j "$(nproc)"
echo "fuzzing, $(date -u '+%Y-%m-%d %H:%M UTC'): $runs executions per target"
tests/fuzz/run.sh build-fuzz -runs="$runs"
