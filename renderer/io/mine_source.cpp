#include "io/mine_source.h"

#include "core/input_limits.h"
#include "core/mine_geojson.h"
#include "io/atomic_file.h"

namespace plateau {

Result<std::shared_ptr<const TerrainModifiers>> openMineLayer(const LayerDesc& desc) {
    const std::string prefix = "layer '" + desc.id + "': ";
    std::vector<TerrainModifier> features;
    if (!desc.source.path.empty()) {
        auto bytes = readFileBytes(desc.source.path, kMaxMineGeoJsonBytes, "mine GeoJSON file");
        if (!bytes) return makeError(prefix + bytes.error().message);
        auto parsed = parseMineGeoJson(std::string(bytes->begin(), bytes->end()), desc.source.path.string());
        if (!parsed) return makeError(prefix + parsed.error().message);
        features = std::move(*parsed);
    }
    for (const TerrainModifier& m : desc.mine.features) {
        for (const TerrainModifier& f : features)
            if (f.id == m.id)
                return makeError(prefix + "feature id \"" + m.id + "\" is both in " + desc.source.path.string() +
                                 " and inline");
        features.push_back(m);
    }
    return std::shared_ptr<const TerrainModifiers>(std::make_shared<const TerrainModifiers>(std::move(features)));
}

}  // namespace plateau
