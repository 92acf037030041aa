#!/usr/bin/env bash
# The two commands of README.md:
#   ./caseboard.sh run [serve flags…]   build and run the server (SQLite, no set-up)
#   ./caseboard.sh test                 build and run every test suite
set -euo pipefail
cd "$(dirname "$0")"
jobs=$(nproc)

configure() {  # configure <dir> [cmake args…]
  local dir=$1; shift
  cmake -S . -B "$dir" -G Ninja "$@" >/dev/null
}

run() {
  scripts/install-deps.sh build
  configure build -DCMAKE_BUILD_TYPE=Release -DCASEBOARD_TESTS=ON
  cmake --build build --target caseboard -j "$jobs"
  exec ./build/caseboard serve "$@"
}

test_all() {
  scripts/install-deps.sh test
  # Node.js test tools: the OpenID provider, the browser tests, the two-instance WebSocket check.
  npm ci --no-audit --no-fund
  local summary=()
  configure build -DCMAKE_BUILD_TYPE=Release -DCASEBOARD_TESTS=ON
  cmake --build build -j "$jobs"
  echo "== unit and integration tests (SQLite)"
  ctest --no-tests=error --test-dir build -j "$jobs" -LE postgres --output-on-failure --timeout 180 | tee build/ctest.log
  summary+=("sqlite: $(grep -E 'tests passed' build/ctest.log)")

  echo "== the same under AddressSanitizer and UndefinedBehaviorSanitizer"
  configure build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCASEBOARD_SANITIZE=ON -DCASEBOARD_TESTS=ON
  cmake --build build-asan -j "$jobs"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --no-tests=error --test-dir build-asan -j "$jobs" -LE postgres --output-on-failure --timeout 300 | tee build-asan/ctest.log
  summary+=("sanitizers: $(grep -E 'tests passed' build-asan/ctest.log)")

  echo "== fuzzing: each libFuzzer target for 20 s over its corpus (clang, ASan, UBSan)"
  configure build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCASEBOARD_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++-14
  cmake --build build-fuzz -j "$jobs"
  tests/fuzz/run.sh build-fuzz -max_total_time=20 | tee build-fuzz/fuzz.log
  summary+=("$(tail -n 1 build-fuzz/fuzz.log)")

  echo "== PostgreSQL: the integration suite again, two instances, nginx, faults, migrate-data"
  tests/pg/with-postgres.sh ctest --no-tests=error --test-dir build -L 'postgres|integration' -j "$jobs" \
    --output-on-failure --timeout 300 | tee build/ctest-pg.log
  summary+=("postgresql: $(grep -E 'tests passed' build/ctest-pg.log)")

  echo "== browser tests (headless Chromium)"
  CASEBOARD_BINARY="$PWD/build/caseboard" npm run test:e2e 2>&1 | tee build/e2e.log
  summary+=("browser: $(grep -E '^# (pass|fail) ' build/e2e.log | tr '\n' ' ')")

  echo
  printf '%s\n' "${summary[@]}"
  total_line build/ctest.log build-asan/ctest.log build-fuzz/fuzz.log build/ctest-pg.log build/e2e.log
}

# One closing line over every suite: "N passed, N failed, N skipped" (a skipped test is not passed).
total_line() {
  local passed=0 failed=0 skipped=0 n f s
  for log in "$@"; do
    if read -r f n < <(sed -nE 's/.*tests passed, ([0-9]+) tests? failed out of ([0-9]+).*/\1 \2/p' "$log"); then
      s=$(grep -c '(Skipped)' "$log" || true)
      passed=$((passed + n - f - s)); failed=$((failed + f)); skipped=$((skipped + s))
    fi
    if read -r n f < <(sed -nE 's/^fuzz: ([0-9]+) passed, ([0-9]+) failed$/\1 \2/p' "$log"); then
      passed=$((passed + n)); failed=$((failed + f))  # one test per fuzz target run
    fi
    n=$(sed -nE 's/^# pass ([0-9]+)/\1/p' "$log"); passed=$((passed + ${n:-0}))
    f=$(sed -nE 's/^# fail ([0-9]+)/\1/p' "$log"); failed=$((failed + ${f:-0}))
  done
  echo "all suites: $passed passed, $failed failed, $skipped skipped"
}

case "${1:-}" in
  run) shift; run "$@" ;;
  test) test_all ;;
  *) echo "usage: ./caseboard.sh run [flags…] | ./caseboard.sh test" >&2; exit 2 ;;
esac
