#!/usr/bin/env bash
# Runs every libFuzzer program of a PLATEAU_FUZZ=ON build for a fixed time each, two at a time.
#
#   tools/fuzz.sh BUILD_DIR SECONDS_PER_TARGET [NAME...]
#
# NAME (e.g. png_tile) picks targets; by default all of BUILD_DIR/tests/fuzz/fuzz_*_libfuzzer.
# Each target mutates a scratch corpus BUILD_DIR/fuzz-corpus/<name>/ (new inputs go there and
# stay for the next run) seeded from tests/fuzz/corpus/<name>/, which is only read. Crashes,
# leaks, timeouts and out-of-memory inputs are written to BUILD_DIR/fuzz-artifacts/<name>/ and
# make the exit status non-zero; the whole log of each target is BUILD_DIR/fuzz-logs/<name>.log.
# Environment: PLATEAU_FUZZ_JOBS (targets at a time, default 2), PLATEAU_FUZZ_TIMEOUT (seconds
# one input may take, wall clock, default 25), PLATEAU_FUZZ_RSS_MB (memory limit, default 2048).
set -uo pipefail

if [ $# -lt 2 ] || ! [[ "$2" =~ ^[0-9]+$ ]] || [ "$2" -lt 1 ]; then
  echo "usage: tools/fuzz.sh BUILD_DIR SECONDS_PER_TARGET [NAME...]" >&2
  exit 2
fi
build=$(cd "$1" 2>/dev/null && pwd) || { echo "tools/fuzz.sh: build folder $1 not found" >&2; exit 2; }
seconds=$2
shift 2
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
jobs=${PLATEAU_FUZZ_JOBS:-2}
timeout_s=${PLATEAU_FUZZ_TIMEOUT:-25}
rss_mb=${PLATEAU_FUZZ_RSS_MB:-2048}

targets=()
if [ $# -gt 0 ]; then
  for name in "$@"; do targets+=("$build/tests/fuzz/fuzz_${name}_libfuzzer"); done
else
  for f in "$build"/tests/fuzz/fuzz_*_libfuzzer; do [ -e "$f" ] && targets+=("$f"); done
fi
if [ ${#targets[@]} -eq 0 ]; then
  echo "tools/fuzz.sh: no fuzz_*_libfuzzer programs in $build/tests/fuzz (configure with clang and -DPLATEAU_FUZZ=ON, then build them)" >&2
  exit 2
fi
for t in "${targets[@]}"; do
  [ -x "$t" ] || { echo "tools/fuzz.sh: $t not built" >&2; exit 2; }
done

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
mkdir -p "$build/fuzz-logs"

# One target: its summary line goes to stdout and to $results/<name> (first word ok or FAIL).
run_one() {
  local exe=$1 name
  name=$(basename "$exe" _libfuzzer)
  name=${name#fuzz_}
  local scratch="$build/fuzz-corpus/$name" artifacts="$build/fuzz-artifacts/$name"
  local seeds="$repo/tests/fuzz/corpus/$name" log="$build/fuzz-logs/$name.log"
  mkdir -p "$scratch" "$artifacts"
  local dirs=("$scratch")
  [ -d "$seeds" ] && dirs+=("$seeds")
  local start=$SECONDS rc
  # The outer timeout only guards against a fuzzer that stops honouring its own limits.
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1} \
    timeout --kill-after=10 $((seconds + 4 * timeout_s + 60)) \
    "$exe" -max_total_time="$seconds" -timeout="$timeout_s" -rss_limit_mb="$rss_mb" \
    -artifact_prefix="$artifacts/" -print_final_stats=1 -report_slow_units=$((timeout_s + 1)) \
    "${dirs[@]}" >"$log" 2>&1
  rc=$?
  local took=$((SECONDS - start))
  local runs cov ft corp
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  cov=$(grep -aoE ' cov: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
  ft=$(grep -aoE ' ft: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')
  corp=$(grep -aoE ' corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log" | tail -1 | sed 's/ corp: //')
  local artifact what=ok
  artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | grep -vE '/slow-unit-' | tail -1)
  if [ "$rc" -ne 0 ] || [ -n "$artifact" ]; then
    case "$(basename "${artifact:-none}")" in
      crash-*) what=crash ;; leak-*) what=leak ;; timeout-*) what=timeout ;; oom-*) what=oom ;;
      *) what="exit $rc" ;;
    esac
    what="FAIL $what ${artifact:-(no artifact; see $log)}"
  fi
  local line
  line=$(printf '%-20s %-4s runs %-10s cov %-6s ft %-7s corpus %-14s %4ss' "$name" "${what%% *}" \
    "${runs:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$took")
  [ "$what" != ok ] && line="$line  ${what#FAIL }"
  echo "$line"
  echo "$what" >"$results/$name"
}

echo "fuzzing ${#targets[@]} targets for ${seconds}s each, $jobs at a time (logs: $build/fuzz-logs)"
running=0
for t in "${targets[@]}"; do
  if [ "$running" -ge "$jobs" ]; then
    wait -n
    running=$((running - 1))
  fi
  run_one "$t" &
  running=$((running + 1))
done
wait

failed=0
for t in "${targets[@]}"; do
  name=$(basename "$t" _libfuzzer)
  grep -qs '^ok' "$results/${name#fuzz_}" || failed=$((failed + 1))
done
if [ "$failed" -gt 0 ]; then
  echo "tools/fuzz.sh: $failed of ${#targets[@]} targets failed (inputs in $build/fuzz-artifacts)" >&2
  exit 1
fi
echo "tools/fuzz.sh: all ${#targets[@]} targets ran ${seconds}s without a finding"
