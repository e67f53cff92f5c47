#!/usr/bin/env bash
# rendered.sh IMAGE COMMAND...: runs COMMAND (exit code 0 required), then requires that IMAGE was
# written and shows something: an image that is black, white or of one colour fails, and so does
# a run that said the view was not settled (tiles missing from the picture).
set -u
img=$1; shift
rm -f "$img"
out=$("$@" 2>&1); rc=$?
printf '%s\n' "$out"
[ "$rc" = 0 ] || { echo "FAIL: exit code $rc"; exit 1; }
if grep -q "not settled" <<<"$out"; then echo "FAIL: the view was not settled"; exit 1; fi
[ -s "$img" ] || { echo "FAIL: $img was not written"; exit 1; }
stats=$(convert "$img" -colorspace gray -format "%[fx:mean] %[fx:standard_deviation]" info:) ||
  { echo "FAIL: $img cannot be read"; exit 1; }
read -r mean sd <<<"$stats"
echo "image mean/sd: $mean $sd"
awk -v m="$mean" -v s="$sd" 'BEGIN { exit !(m > 0.05 && m < 0.95 && s > 0.03) }' ||
  { echo "FAIL: $img is blank or of one colour (grey mean $mean, sd $sd)"; exit 1; }
exit 0
