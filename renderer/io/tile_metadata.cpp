#include "io/tile_metadata.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/input_limits.h"

namespace plateau {
namespace {

using nlohmann::json;

bool readZoom(const json& obj, const char* key, int& out) {
    const auto it = obj.find(key);
    if (it == obj.end() || !it->is_number_integer()) return false;
    const auto v = it->get<long long>();
    if (v < 0 || v > 30) return false;
    out = int(v);
    return true;
}

bool readBounds(const json& v, LonLatBounds& b) {
    if (!v.is_array() || v.size() != 4) return false;
    for (const auto& e : v)
        if (!e.is_number()) return false;
    b = {v[0].get<double>(), v[1].get<double>(), v[2].get<double>(), v[3].get<double>()};
    return b.west < b.east && b.south < b.north;
}

json boundsJson(const LonLatBounds& b) { return json::array({b.west, b.south, b.east, b.north}); }

}  // namespace

bool TileSetMetadata::covers(const TileId& id) const {
    if (!id.valid() || id.z < minZoom || id.z > maxZoom) return false;
    if (extents.empty()) return true;
    const LonLatBounds tb = tileBounds(id);
    return std::any_of(extents.begin(), extents.end(), [&](const TileExtent& e) {
        return id.z >= e.minZoom && id.z <= e.maxZoom && e.bounds.intersects(tb);
    });
}

Result<TileSetMetadata> parseTileMetadata(const std::string& text, const std::string& name) {
    if (auto deep = jsonTooDeep(text, name)) return *deep;
    const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object()) return makeError(name + ": not a JSON object");
    TileSetMetadata m;
    if (const auto it = doc.find("format"); it != doc.end()) {
        const auto enc = it->is_string() ? parseHeightEncoding(it->get<std::string>()) : std::nullopt;
        if (!enc) return makeError(name + ": 'format' must be \"terrarium\" or \"mapbox\"");
        m.encoding = *enc;
    }
    if (!readZoom(doc, "minzoom", m.minZoom)) return makeError(name + ": 'minzoom' must be an integer 0..30");
    if (!readZoom(doc, "maxzoom", m.maxZoom)) return makeError(name + ": 'maxzoom' must be an integer 0..30");
    if (m.minZoom > m.maxZoom) return makeError(name + ": 'minzoom' is larger than 'maxzoom'");
    if (const auto it = doc.find("tilesize"); it != doc.end()) {
        if (!it->is_number_integer() || it->get<long long>() < 1 || it->get<long long>() > 4096)
            return makeError(name + ": 'tilesize' must be an integer 1..4096");
        m.tileSize = it->get<int>();
    }
    if (const auto it = doc.find("extents"); it != doc.end()) {
        if (!it->is_array()) return makeError(name + ": 'extents' must be an array");
        for (std::size_t i = 0; i < it->size(); ++i) {
            const json& e = (*it)[i];
            const std::string where = name + ": 'extents[" + std::to_string(i) + "]";
            TileExtent ext;
            if (!e.is_object()) return makeError(where + "' must be an object");
            if (!readZoom(e, "minzoom", ext.minZoom) || !readZoom(e, "maxzoom", ext.maxZoom))
                return makeError(where + "' needs integer 'minzoom' and 'maxzoom' 0..30");
            if (!e.contains("bounds") || !readBounds(e["bounds"], ext.bounds))
                return makeError(where + ".bounds' must be [west, south, east, north]");
            m.extents.push_back(ext);
        }
    } else if (const auto b = doc.find("bounds"); b != doc.end()) {
        // TileJSON-style single bounds for every zoom.
        TileExtent ext{m.minZoom, m.maxZoom, {}};
        if (!readBounds(*b, ext.bounds)) return makeError(name + ": 'bounds' must be [west, south, east, north]");
        m.extents.push_back(ext);
    }
    if (const auto it = doc.find("generator"); it != doc.end() && it->is_object()) {
        GeneratorInfo g;
        // value("name", std::string{}) would throw on a name that is not a string.
        if (const auto n = it->find("name"); n != it->end() && n->is_string()) g.name = n->get<std::string>();
        const json& v = it->value("version", json(0));
        const json& s = it->value("seed", json(0));
        g.version = v.is_number_integer() ? v.get<int>() : 0;
        g.seed = s.is_number_unsigned() ? s.get<std::uint32_t>() : 0;
        m.generator = g;
    }
    if (const auto it = doc.find("description"); it != doc.end() && it->is_string())
        m.description = it->get<std::string>();
    return m;
}

std::string tileMetadataToJson(const TileSetMetadata& m) {
    json doc;
    doc["format"] = heightEncodingName(m.encoding);
    doc["minzoom"] = m.minZoom;
    doc["maxzoom"] = m.maxZoom;
    doc["tilesize"] = m.tileSize;
    if (!m.description.empty()) doc["description"] = m.description;
    json ext = json::array();
    for (const auto& e : m.extents)
        ext.push_back({{"minzoom", e.minZoom}, {"maxzoom", e.maxZoom}, {"bounds", boundsJson(e.bounds)}});
    doc["extents"] = ext;
    if (m.generator)
        doc["generator"] = {{"name", m.generator->name}, {"version", m.generator->version},
                            {"seed", m.generator->seed}};
    return doc.dump(2) + "\n";
}

std::vector<TileId> tilesCoveredBy(const TileSetMetadata& m) {
    std::vector<TileId> out;
    for (int z = m.minZoom; z <= m.maxZoom; ++z) {
        const int n = 1 << z;
        if (m.extents.empty()) {
            for (int x = 0; x < n; ++x)
                for (int y = 0; y < n; ++y) out.push_back({z, x, y});
            continue;
        }
        // Candidates from each extent's corner tiles, then the exact intersection test, so the
        // list agrees with covers() even for bounds that sit on tile edges.
        std::vector<TileId> level;
        for (const auto& e : m.extents) {
            if (z < e.minZoom || z > e.maxZoom) continue;
            const TileId nw = lonLatToTile(e.bounds.west, e.bounds.north, z);
            const TileId se = lonLatToTile(e.bounds.east, e.bounds.south, z);
            for (int x = nw.x; x <= se.x; ++x)
                for (int y = nw.y; y <= se.y; ++y)
                    if (m.covers({z, x, y})) level.push_back({z, x, y});
        }
        std::sort(level.begin(), level.end());
        level.erase(std::unique(level.begin(), level.end()), level.end());
        out.insert(out.end(), level.begin(), level.end());
    }
    return out;
}

}  // namespace plateau
