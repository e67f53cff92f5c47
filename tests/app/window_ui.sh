#!/usr/bin/env bash
# The viewer in a real window on a virtual display, driven by synthetic input (xdotool): the
# mouse drags the terrain and F1 hides and shows the panel; then a screenshot of the screen must
# show both the panel (top left) and the terrain (the rest). Run under xvfb-run.
# Usage: window_ui.sh PLATEAU OUTDIR
set -uo pipefail
plateau=$1
out=$2
mkdir -p "$out"
rm -f "$out/window.png"
# No frame limit: the script closes the window with Ctrl+Q once it has its screenshot, so a
# slow machine only makes the run longer.
"$plateau" --validation --size 960x540 >"$out/log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do
  xdotool search --name "^plateau - " >/dev/null 2>&1 && break
  sleep 0.5
done
win=$(xdotool search --name "^plateau - " | head -1)
if [ -z "$win" ]; then echo "FAIL: no viewer window appeared"; cat "$out/log"; kill $pid 2>/dev/null; exit 1; fi
# The scene's layers open (the trace is the slowest), then a few more frames.
for _ in $(seq 1 240); do grep -q "layer 'qulong_water'" "$out/log" 2>/dev/null && break; sleep 0.5; done
sleep 3
xdotool mousemove --window "$win" 700 300 mousedown 1 mousemove --window "$win" 740 320 \
  mousemove --window "$win" 780 340 mouseup 1
xdotool key --window "$win" F1
sleep 2
xdotool key --window "$win" F1
sleep 4
import -window root "$out/window.png"
xdotool key --window "$win" ctrl+q
wait $pid
code=$?
cat "$out/log"
[ $code -eq 0 ] || { echo "FAIL: the viewer exited with $code"; exit 1; }
[ -s "$out/window.png" ] || { echo "FAIL: no screenshot"; exit 1; }
# The panel: ImGui's dark window background with light text over it.
panel=$(convert "$out/window.png" -crop 300x150+20+40 +repage -colorspace gray -format "%[fx:mean] %[fx:standard_deviation]" info:)
# The terrain: lit relief, neither black nor uniform.
terrain=$(convert "$out/window.png" -crop 300x150+600+200 +repage -colorspace gray -format "%[fx:mean] %[fx:standard_deviation]" info:)
echo "panel mean/sd: $panel; terrain mean/sd: $terrain"
read -r pm psd <<<"$panel"
read -r tm tsd <<<"$terrain"
awk -v m="$pm" -v s="$psd" 'BEGIN { exit !(m < 0.35 && s > 0.05) }' || { echo "FAIL: no panel in the screenshot"; exit 1; }
awk -v m="$tm" -v s="$tsd" 'BEGIN { exit !(m > 0.2 && s > 0.02) }' || { echo "FAIL: no terrain in the screenshot"; exit 1; }
echo "window shows the panel and the terrain"
