#!/bin/sh
# Rebuilds the default scene's derived assets from the public data beside the repository and
# prints the size and sha256 table for assets/PROVENANCE.md. Run from the repository root after
# building: cmake --build build --target plateau-assets
set -eu
DATA=${1:-../shared/data}
./build/tools/assets/plateau-assets --data "$DATA" --out assets >/dev/null
echo "| file | bytes | sha256 |"
echo "|---|---|---|"
for f in terrain/himalaya_srtm30.tif vectors/rivers.geojson vectors/lakes.geojson vectors/glaciers.geojson \
         vectors/glacier_change_illustrative.geojson vectors/svalbard_glaciers.geojson \
         deposits/facts.csv deposits/gangdese.csv; do
  echo "| assets/$f | $(stat -c %s "assets/$f") | $(sha256sum "assets/$f" | cut -d' ' -f1) |"
done
