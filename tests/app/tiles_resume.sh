#!/usr/bin/env bash
# tiles_resume.sh PLATEAU_TILES RASTER WORK: a tile build killed mid-run (SIGKILL: no chance to
# clean up) and run again must end byte-identical to an uninterrupted build, for a folder and
# for an MBTiles file: every tile is written atomically and reruns resume.
set -u
tiles=$1; raster=$2; work=$3
rm -rf "$work" && mkdir -p "$work"
args=(--max-zoom 12 --threads 1)
"$tiles" --out "$work/clean" "${args[@]}" "$raster" > "$work/clean.log" || { cat "$work/clean.log"; echo "FAIL: clean build"; exit 1; }
# MBTiles commits 256 tiles per transaction: a level deeper, so a kill can fall between commits.
mbargs=(--max-zoom 13 --threads 1)
"$tiles" --out "$work/clean.mbtiles" "${mbargs[@]}" "$raster" > "$work/clean-mb.log" || { echo "FAIL: clean MBTiles build"; exit 1; }
total=$(find "$work/clean" -name '*.png' | wc -l)
echo "clean build: $total tiles"

# Folder: kill once a third of the tiles are there.
"$tiles" --out "$work/killed" "${args[@]}" "$raster" > /dev/null & pid=$!
for _ in $(seq 600); do
  n=$(find "$work/killed" -name '*.png' 2>/dev/null | wc -l)
  [ "$n" -ge $((total / 3)) ] && break
  sleep 0.05
done
kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
n=$(find "$work/killed" -name '*.png' | wc -l)
echo "killed with $n of $total tiles written"
[ "$n" -lt "$total" ] || { echo "FAIL: the build finished before it could be killed"; exit 1; }
out=$("$tiles" --out "$work/killed" "${args[@]}" "$raster") || { echo "$out"; echo "FAIL: resume"; exit 1; }
echo "$out" | tail -1
grep -q "already there" <<<"$out" || { echo "FAIL: the rerun did not resume"; exit 1; }
diff -r "$work/clean" "$work/killed" > "$work/diff.txt" || { head "$work/diff.txt"; echo "FAIL: resumed folder differs"; exit 1; }
left=$(find "$work/killed" -name '*.tmp-*' | wc -l)
[ "$left" = 0 ] || { echo "FAIL: $left temporary files left behind"; exit 1; }

# MBTiles: written as NAME.partial and renamed when complete; killed once a batch is committed,
# the rerun resumes the partial file and the tiles table must end identical.
"$tiles" --out "$work/killed.mbtiles" "${mbargs[@]}" "$raster" > /dev/null & pid=$!
partial="$work/killed.mbtiles.partial"
for _ in $(seq 1200); do
  n=$(sqlite3 -cmd ".timeout 100" "$partial" "SELECT count(*) FROM tiles" 2>/dev/null || echo 0)
  [ "${n:-0}" -ge 256 ] && break
  sleep 0.05
done
kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
[ -e "$work/killed.mbtiles" ] && { echo "FAIL: the MBTiles build finished before it could be killed"; exit 1; }
echo "MBTiles killed with $(sqlite3 "$partial" "SELECT count(*) FROM tiles") tiles committed"
"$tiles" --out "$work/killed.mbtiles" "${mbargs[@]}" "$raster" > "$work/resume-mb.log" || { cat "$work/resume-mb.log"; echo "FAIL: MBTiles resume"; exit 1; }
tail -1 "$work/resume-mb.log"
grep -q "already there" "$work/resume-mb.log" && ! grep -q " 0 already there" "$work/resume-mb.log" ||
  { echo "FAIL: the MBTiles rerun did not resume"; exit 1; }
dump() { sqlite3 "$1" "SELECT zoom_level, tile_column, tile_row, hex(tile_data) FROM tiles ORDER BY 1, 2, 3" | sha256sum; }
[ "$(dump "$work/clean.mbtiles")" = "$(dump "$work/killed.mbtiles")" ] || { echo "FAIL: resumed MBTiles tiles differ"; exit 1; }
echo "resumed builds are identical to the uninterrupted ones"
exit 0
