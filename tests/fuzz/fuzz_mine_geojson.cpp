// Mine feature files (pits, dumps, ponds) come from users: any bytes must give features or one
// error. The features that parse are also applied to a tile grid and meshed marks, so odd but
// valid outlines and stages (one point repeated, zero-width benches, huge values) are exercised.
#include <cstdint>
#include <string>

#include "core/mine_geojson.h"
#include "core/terrain_modifiers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace plateau;
    const std::string text(reinterpret_cast<const char*>(data), size);
    auto r = parseMineGeoJson(text, "fuzz/mine.geojson");
    if (!r || r->empty()) return 0;
    const TerrainModifier& first = r->front();
    const TileId tile = lonLatToTile(first.outline.front().first, first.outline.front().second, 12);
    const TerrainModifiers set(std::move(*r));
    HeightGrid g;
    g.width = g.height = 16;
    g.samples.assign(256, 1000.0f);
    for (const double year : {1900.0, first.stages.front().year, first.stages.back().year + 0.5}) {
        (void)set.apply(g, tile, year);
        (void)set.stateKey(tile, year);
    }
    return 0;
}
