#!/bin/sh
# Rebuilds the default scene's schematic ore bodies (assets/bodies/) from the USGS porphyry copper
# subset beside the repository: every Gangdese deposit (85-93 E, 28.5-30.5 N) with a reported
# tonnage, density 2.7 t/m3. Prints the size and sha256 table for assets/PROVENANCE.md. Run from
# the repository root after building: cmake --build build --target plateau-orebody
set -eu
DATA=${1:-../shared/data}
./build/tools/orebody/plateau-orebody --deposits "$DATA/deposits/porcu2008_high_asia_subset.csv" \
  --bbox 85,28.5,93,30.5 --density 2.7 --out-dir assets/bodies >/dev/null
echo "| file | bytes | sha256 |"
echo "|---|---|---|"
for f in assets/bodies/*.glb assets/bodies/bodies.csv; do
  echo "| $f | $(stat -c %s "$f") | $(sha256sum "$f" | cut -d' ' -f1) |"
done
