#!/usr/bin/env bash
# record.sh PLATEAU SCENE PATH WORK: `plateau record` as a user runs it, on a 2-second path over
# the SRTM Everest tile at 320x180, 30 fps:
#   - 60 frames, and two runs give byte-identical PNGs frame by frame;
#   - the MP4 decodes (ffprobe, FFmpeg's own reader) to 320x180 H.264 yuv420p with 60 frames;
#   - drawn without settling, the recorder's residency check refuses the first frame;
#   - Ctrl-C (SIGINT) mid-way exits with 130 and leaves a decodable MP4 of the frames done.
set -u
plateau=$1 scene=$2 path=$3 work=$4
rm -rf "$work" && mkdir -p "$work"
common=(record --validation --scene "$scene" --path "$path" --size 320x180)
fail() { echo "FAIL: $*"; exit 1; }
frames() { ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames -of csv=p=0 "$1"; }

"$plateau" "${common[@]}" --fps 30 --out "$work/a/" || fail "first PNG run"
"$plateau" "${common[@]}" --fps 30 --out "$work/b/" || fail "second PNG run"
n=$(find "$work/a" -name 'frame_*.png' | wc -l)
[ "$n" = 60 ] || fail "expected 60 frames, got $n"
[ -f "$work/a/frame_00001.png" ] && [ -f "$work/a/frame_00060.png" ] || fail "frames are not numbered 1..60"
for f in "$work"/a/frame_*.png; do
  cmp -s "$f" "$work/b/${f##*/}" || fail "${f##*/} differs between two runs"
done
cmp -s "$work/a/frame_00001.png" "$work/a/frame_00060.png" && fail "the first and last frames are the same picture"
echo "two runs: 60 frames, byte-identical"

"$plateau" "${common[@]}" --fps 30 --out "$work/flight.mp4" || fail "MP4 run"
probe=$(ffprobe -v error -select_streams v:0 -show_entries stream=codec_name,width,height,pix_fmt -of csv=p=0 "$work/flight.mp4")
[ "$probe" = "h264,320,180,yuv420p" ] || fail "MP4 stream is '$probe'"
[ "$(frames "$work/flight.mp4")" = 60 ] || fail "MP4 decodes to $(frames "$work/flight.mp4") frames, not 60"
echo "MP4: h264 320x180 yuv420p, 60 frames"

out=$("$plateau" "${common[@]}" --fps 30 --debug-no-settle --out "$work/unsettled/" 2>&1); rc=$?
[ "$rc" = 1 ] || fail "an unsettled recording exited with $rc"
grep -Eq "error: frame 1 drawn with [0-9]+ missing tiles" <<<"$out" || fail "no residency error in: $out"
echo "unsettled frames are refused"

# Twice the frames, so the interrupt lands well before the end.
"$plateau" "${common[@]}" --fps 60 --out "$work/interrupted.mp4" 2>"$work/interrupted.log" &
pid=$!
for _ in $(seq 600); do
  grep -Eq "^record: frame ([3-9]|[1-9][0-9]+)/120" "$work/interrupted.log" && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.2
done
kill -INT "$pid"
wait "$pid"; rc=$?
cat "$work/interrupted.log"
[ "$rc" = 130 ] || fail "an interrupted recording exited with $rc, not 130"
n=$(frames "$work/interrupted.mp4") || fail "the interrupted MP4 does not decode"
[ -n "$n" ] && [ "$n" -ge 3 ] && [ "$n" -lt 120 ] || fail "the interrupted MP4 has '$n' frames"
echo "interrupted: exit 130, the MP4 decodes to $n frames"
echo "recording checks passed"
