#!/usr/bin/env bash
# expect.sh CODE REGEX COMMAND...: runs COMMAND, requires exit code CODE and (if REGEX is not
# empty) a line of its output matching REGEX. Prints the output either way.
code=$1; regex=$2; shift 2
out=$("$@" 2>&1); rc=$?
printf '%s\n' "$out"
if [ "$rc" != "$code" ]; then echo "FAIL: expected exit code $code, got $rc"; exit 1; fi
if [ -n "$regex" ] && ! grep -Eq -- "$regex" <<<"$out"; then echo "FAIL: no output line matches: $regex"; exit 1; fi
exit 0
