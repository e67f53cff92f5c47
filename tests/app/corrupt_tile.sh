#!/usr/bin/env bash
# A copy of the test pyramid (levels 0-8) with the z8 tile under the camera replaced by garbage:
# the render must succeed, draw that tile from its parent, and name the file once in the log.
set -u
plateau=$1; tiles=$2; work=$3
rm -rf "$work" && mkdir -p "$work/tiles"
for z in 0 1 2 3 4 5 6 7 8; do cp -r "$tiles/$z" "$work/tiles/"; done
# Tile under 91.5E 29.3N at z8 (Web Mercator).
read -r x y < <(awk 'BEGIN { n = 2^8; lat = 29.3 * 3.141592653589793 / 180;
  x = int((91.5 + 180) / 360 * n); y = int((1 - log(sin(lat)/cos(lat) + 1/cos(lat)) / 3.141592653589793) / 2 * n);
  print x, y }')
bad="$work/tiles/8/$x/$y.png"
[ -f "$bad" ] || { echo "FAIL: expected tile $bad in the copy"; exit 1; }
head -c 300 /dev/urandom > "$bad"
cat > "$work/scene.json" <<JSON
{ "title": "corrupt tile test", "label": "synthetic terrain",
  "terrain": { "type": "folder", "path": "tiles", "encoding": "terrarium" },
  "camera": { "lon": 91.5, "lat": 29.0, "height": 60000, "heading": 0, "pitch": -40 } }
JSON
out=$("$plateau" render --validation --scene "$work/scene.json" --size 320x180 --out "$work/out.png" 2>&1); rc=$?
printf '%s\n' "$out"
[ "$rc" = 0 ] || { echo "FAIL: exit code $rc"; exit 1; }
[ -s "$work/out.png" ] || { echo "FAIL: no image written"; exit 1; }
# The picture holds terrain, also where the corrupt tile is (the centre): drawn from its parent.
for crop in "320x180+0+0" "120x60+100+60"; do
  read -r mean sd < <(convert "$work/out.png" -crop "$crop" +repage -colorspace gray -format "%[fx:mean] %[fx:standard_deviation]" info:)
  echo "image $crop mean/sd: $mean $sd"
  awk -v m="$mean" -v s="$sd" 'BEGIN { exit !(m > 0.05 && m < 0.95 && s > 0.02) }' ||
    { echo "FAIL: no terrain in $crop of the picture"; exit 1; }
done
n=$(grep -c "8/$x/$y.png" <<<"$out")
[ "$n" = 1 ] || { echo "FAIL: the corrupt tile should be named exactly once, found $n lines"; exit 1; }
exit 0
