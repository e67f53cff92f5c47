#!/usr/bin/env bash
# tools/tsan-tests.sh [BUILD_DIR]: the tests of the threaded parts under ThreadSanitizer. Builds
# the unit test programs only (default folder build-tsan, the default compiler) and runs, by
# Catch tag:
#   core tests  [loader]       the worker pool and async loader (queue, cancellation, exceptions)
#               [residency]    tile residency with worker threads, settling, budgets
#               [store]        the tile store fed from the loader
#   io tests    [http]         HTTP source and imagery (libcurl transfers, concurrency limit, cancel)
#               [disk_cache]   the HTTP disk cache (background indexing, concurrent reads and writes)
#               [mbtiles]      MBTiles read from several threads at once, and deleted while open
#               [gdal]         GDAL terrain and imagery read on many threads at once
#               [faults]       sources whose files go away while workers read them
#               [trace]        the flow-trace service's background thread
#               [tile-builder] [synthetic]  the tile and pyramid writers' worker threads
# Any data race or lock-order inversion in our code fails the run. .ci/run runs it after the
# README's test command when CI's time allows (see README, "Sanitizers").
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=$(realpath -m "${1:-build-tsan}")
supp=$root/tools/sanitizers
jobs=${PLATEAU_JOBS:-2}

# -O1 -g1: the same trade as tools/sanitize-tests.sh (fast enough, file:line in reports).
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release \
  "-DCMAKE_C_FLAGS_RELEASE=-O1 -g1" "-DCMAKE_CXX_FLAGS_RELEASE=-O1 -g1" \
  -DPLATEAU_SANITIZE=thread -DPLATEAU_WERROR=OFF -DPLATEAU_BENCH=OFF
cmake --build "$build" -j"$jobs" --target plateau_core_tests plateau_io_tests

export TSAN_OPTIONS="halt_on_error=1:exitcode=86:second_deadlock_stack=1:suppressions=$supp/tsan.supp"

status=0
run() {
  echo "+ $*"
  "$@" || status=1
}
cd "$build/tests"   # the io tests write their scratch files under the working folder
run ./plateau_core_tests '[loader],[residency],[store]'
run ./plateau_io_tests '[http],[disk_cache],[mbtiles],[gdal],[faults],[trace],[tile-builder],[synthetic]'

if [ $status -ne 0 ]; then
  echo "tsan-tests: FAILED (see above)" >&2
else
  echo "tsan-tests: the threaded tests passed under ThreadSanitizer"
fi
exit $status
