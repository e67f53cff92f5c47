#!/usr/bin/env bash
# tools/sanitize-tests.sh [BUILD_DIR]: the whole test suite again, built with clang under
# AddressSanitizer (with LeakSanitizer) and UndefinedBehaviorSanitizer, then the fuzzers for a
# short while (tools/fuzz.sh, when present). Any finding fails: the sanitizers stop the program
# at the first report with an exit code of their own, and the test log is searched for reports
# as well, since a test may expect a failing exit code or run a program in the background.
# BUILD_DIR defaults to build-asan; PLATEAU_FUZZ_SECONDS (default 30) is the time per fuzzer.
#
# Build type: Release flags replaced by -O1 -g1. -O1 keeps the instrumented code fast enough for
# the GPU and window tests while compiling much faster than -O2/-O3; -g1 (line tables only) gives
# reports file:line stacks without the size and link time of full debug information. Asserts stay
# on (no -DNDEBUG). The benchmarks are not built: no test runs them.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=$(realpath -m "${1:-build-asan}")
supp=$root/tools/sanitizers
jobs=${PLATEAU_JOBS:-2}

if [ -f "$build/CMakeCache.txt" ] && ! grep -q '^CMAKE_CXX_COMPILER_ID:.*Clang\|^CMAKE_CXX_COMPILER:.*clang' "$build/CMakeCache.txt"; then
  echo "sanitize-tests: $build was configured with another compiler than clang; remove it or pass another folder" >&2
  exit 2
fi

CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release \
  "-DCMAKE_C_FLAGS_RELEASE=-O1 -g1" "-DCMAKE_CXX_FLAGS_RELEASE=-O1 -g1" \
  -DPLATEAU_SANITIZE=address,undefined -DPLATEAU_FUZZ=ON -DPLATEAU_WERROR=OFF -DPLATEAU_BENCH=OFF
cmake --build "$build" -j"$jobs"

# Libraries stay mapped after dlclose (tools/sanitizers/keep_loaded.c says why); plain clang, no
# sanitizer, since system programs the tests start load it too.
clang -shared -fPIC -O1 -o "$build/keep_loaded.so" "$supp/keep_loaded.c"
export LD_PRELOAD="$build/keep_loaded.so${LD_PRELOAD:+:$LD_PRELOAD}"

# The GPU tests draw the synthetic pyramid (3,025 tiles, seed 1) that the fixture test makes with
# plateau-synth. Instrumented, making it takes 8 minutes instead of one; the pyramid is the same
# bytes either way, and its generation runs under the sanitizers in the io tests
# (test_synthetic.cpp). So the normal build's copy (PLATEAU_TILES_FROM, default build/) is taken
# when it is there, and the instrumented plateau-synth checks that it is current.
tiles=test-cache/synthetic-plateau-v1
from=${PLATEAU_TILES_FROM:-$root/build}
if [ -f "$from/$tiles/metadata.json" ] && [ ! -e "$build/$tiles" ]; then
  mkdir -p "$build/test-cache"
  cp -a "$from/$tiles" "$build/$tiles.part" && mv "$build/$tiles.part" "$build/$tiles"
fi

# 86: an exit code no test expects of a program (they expect 0, 1, 2, 3 or 130), so a report
# can never pass for the error a test wanted.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:exitcode=86:detect_leaks=1:check_initialization_order=1:strict_init_order=1:detect_stack_use_after_return=0:suppressions=$supp/asan.supp"
export LSAN_OPTIONS="exitcode=86:print_suppressions=0:suppressions=$supp/lsan.supp"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:exitcode=86:suppressions=$supp/ubsan.supp"

status=0
ctest --test-dir "$build" --output-on-failure -j"$jobs" || status=1

# Reports from programs whose exit code a test did not look at.
log=$build/Testing/Temporary/LastTest.log
if [ -f "$log" ] && grep -Eq 'SUMMARY: (Address|Leak|UndefinedBehavior)Sanitizer' "$log"; then
  echo "sanitize-tests: sanitizer reports in $log:" >&2
  grep -E -B2 'SUMMARY: (Address|Leak|UndefinedBehavior)Sanitizer' "$log" >&2
  status=1
fi

if [ -x "$root/tools/fuzz.sh" ]; then
  "$root/tools/fuzz.sh" "$build" "${PLATEAU_FUZZ_SECONDS:-30}" || status=1
fi

if [ $status -ne 0 ]; then
  echo "sanitize-tests: FAILED (see above)" >&2
else
  echo "sanitize-tests: the whole suite passed under ASan, LSan and UBSan"
fi
exit $status
