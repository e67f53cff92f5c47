#include "io/quantized_mesh_source.h"

#include <algorithm>
#include <cmath>
#include <list>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <system_error>
#include <unordered_map>
#include <vector>

#include "core/input_limits.h"
#include "core/parse_number.h"
#include "core/tile_path.h"
#include "io/atomic_file.h"
#include "io/quantized_mesh.h"

namespace plateau {
namespace fs = std::filesystem;
namespace {

constexpr int kGridSize = 256;
// Deepest geographic level (and Mercator zoom) served: level 28 tiles are under 10 cm, and the
// 2^29 columns of that level still fit the int column arithmetic below.
constexpr int kMaxLevel = 28;
// How many geographic levels coarser than the ideal one a Mercator tile may be served from.
constexpr int kFallbackLevels = 3;
constexpr std::size_t kCacheCapacity = 16;
// Rounding slack when tile edges coincide (Mercator and geographic columns share meridians).
constexpr double kEdgeEps = 1e-9;

// A geographic tile: level, column from the west, row from the south (TMS).
struct GeoTile {
    int level = 0, x = 0, y = 0;
    auto operator<=>(const GeoTile&) const = default;
};
struct GeoTileHash {
    std::size_t operator()(const GeoTile& t) const noexcept { return TileIdHash{}({t.level, t.x, t.y}); }
};

// Degrees per geographic tile side at a level: 2 x 1 tiles at level 0.
double geoTileSize(int level) { return 180.0 / std::ldexp(1.0, level); }

struct Range {
    int startX, startY, endX, endY;  // inclusive
};

class QuantizedMeshSource final : public TileSource {
public:
    QuantizedMeshSource(fs::path dir, std::string tmpl, bool tms, std::vector<std::vector<Range>> available,
                        std::map<GeoTile, fs::path> flat, int minLevel, int maxLevel)
        : dir_(std::move(dir)), template_(std::move(tmpl)), tms_(tms), available_(std::move(available)),
          flat_(std::move(flat)), minLevel_(minLevel), maxLevel_(maxLevel) {}

    std::string describe() const override { return "quantized-mesh " + dir_.string(); }
    // A Mercator tile at zoom z ideally maps to geographic level z - 1 (equator) .. z + 3 (near
    // 85 degrees, where Mercator tiles are short), and may fall back kFallbackLevels coarser.
    // hasTile() makes the exact decision; these bounds only need to be loose enough.
    int minZoom() const override { return std::max(0, minLevel_ - 3); }
    int maxZoom() const override { return std::min(kMaxLevel, maxLevel_ + 1 + kFallbackLevels); }

    bool hasTile(const TileId& id) const override { return plan(id).has_value(); }

    // The data may cover one small region: tiles above it must be refined into even though
    // they are too coarse to be served themselves.
    bool hasDataBelow(const TileId& id) const override {
        if (!id.valid() || id.z >= maxZoom()) return false;
        return tileBounds(id).intersects(dataBounds());
    }

    Result<HeightGrid> load(const TileId& id) override {
        const auto tiles = plan(id);
        if (!tiles) return makeError(dir_.string() + ": tile " + id.str() + " not covered by the terrain");
        const LonLatBounds mb = tileBounds(id);
        HeightGrid grid;
        grid.width = grid.height = kGridSize;
        grid.samples.assign(std::size_t(kGridSize) * kGridSize, 0.0f);
        std::vector<std::uint8_t> covered(grid.samples.size(), 0);
        // Pixel-centre longitudes are linear in i; latitudes follow the Mercator projection.
        std::vector<double> lon(kGridSize), lat(kGridSize);
        for (int k = 0; k < kGridSize; ++k) {
            double unused = 0;
            tileUVToLonLat(id, (k + 0.5) / kGridSize, 0.5, lon[std::size_t(k)], unused);
            tileUVToLonLat(id, 0.5, (k + 0.5) / kGridSize, unused, lat[std::size_t(k)]);
        }
        for (const GeoTile& g : *tiles) {
            auto mesh = meshFor(g);
            if (!mesh) return mesh.error();
            rasterise(**mesh, g, mb, lon, lat, grid, covered);
        }
        const auto holes = std::count(covered.begin(), covered.end(), std::uint8_t(0));
        if (holes > 0)
            return makeError(dir_.string() + ": tile " + id.str() + ": " + std::to_string(holes) +
                             " pixels not covered by the terrain meshes");
        return grid;
    }

private:
    static LonLatBounds geoBounds(int level, int x0, int y0, int x1, int y1) {
        const double size = geoTileSize(level);
        return {-180.0 + x0 * size, -90.0 + y0 * size, -180.0 + (x1 + 1) * size, -90.0 + (y1 + 1) * size};
    }

    // Union of the extents of the files present or listed as available (the world when the
    // folder says nothing).
    LonLatBounds dataBounds() const {
        std::call_once(boundsOnce_, [this] {
            std::optional<LonLatBounds> u;
            auto add = [&](const LonLatBounds& b) {
                if (!u) u = b;
                else u = LonLatBounds{std::min(u->west, b.west), std::min(u->south, b.south),
                                      std::max(u->east, b.east), std::max(u->north, b.north)};
            };
            for (const auto& [g, path] : flat_) add(geoBounds(g.level, g.x, g.y, g.x, g.y));
            for (std::size_t level = 0; level < available_.size(); ++level)
                for (const Range& r : available_[level]) add(geoBounds(int(level), r.startX, r.startY, r.endX, r.endY));
            bounds_ = u.value_or(LonLatBounds{-180.0, -90.0, 180.0, 90.0});
        });
        return bounds_;
    }

    // The geographic tiles (all of one level) that cover a Mercator tile, or nullopt.
    std::optional<std::vector<GeoTile>> plan(const TileId& id) const {
        if (!id.valid() || id.z < minZoom() || id.z > maxZoom()) return std::nullopt;
        const LonLatBounds b = tileBounds(id);
        const double side = std::min(b.east - b.west, b.north - b.south);
        // Finest level needed: geographic tiles no larger than the Mercator tile.
        const int ideal = std::clamp(int(std::ceil(std::log2(180.0 / side) - kEdgeEps)), 0, kMaxLevel);
        for (int level = std::min(ideal, maxLevel_); level >= std::max(minLevel_, ideal - kFallbackLevels); --level) {
            const double size = geoTileSize(level);
            const int cols = 2 << level, rows = 1 << level;
            const int x0 = std::clamp(int(std::floor((b.west + 180.0) / size + kEdgeEps)), 0, cols - 1);
            const int x1 = std::clamp(int(std::ceil((b.east + 180.0) / size - kEdgeEps)) - 1, 0, cols - 1);
            const int y0 = std::clamp(int(std::floor((b.south + 90.0) / size + kEdgeEps)), 0, rows - 1);
            const int y1 = std::clamp(int(std::ceil((b.north + 90.0) / size - kEdgeEps)) - 1, 0, rows - 1);
            std::vector<GeoTile> tiles;
            bool all = true;
            for (int y = y0; y <= y1 && all; ++y)
                for (int x = x0; x <= x1 && all; ++x) {
                    all = isAvailable({level, x, y});
                    tiles.push_back({level, x, y});
                }
            if (all) return tiles;
        }
        return std::nullopt;
    }

    bool isAvailable(const GeoTile& g) const {
        if (!available_.empty()) {
            if (std::size_t(g.level) >= available_.size()) return false;
            const auto& ranges = available_[std::size_t(g.level)];
            if (std::none_of(ranges.begin(), ranges.end(), [&](const Range& r) {
                    return g.x >= r.startX && g.x <= r.endX && g.y >= r.startY && g.y <= r.endY;
                }))
                return false;
        }
        if (flat_.count(g)) return true;
        std::lock_guard lock(mutex_);
        if (const auto it = exists_.find(g); it != exists_.end()) return it->second;
        if (exists_.size() > 100'000) exists_.clear();  // bounded; a stat() refills an entry
        std::error_code ec;
        const bool present = fs::is_regular_file(templatePath(g), ec);
        exists_.emplace(g, present);
        return present;
    }

    fs::path templatePath(const GeoTile& g) const {
        const int fileY = tms_ ? g.y : (1 << g.level) - 1 - g.y;
        return dir_ / expandTileTemplate(template_, g.level, g.x, fileY);
    }

    fs::path pathOf(const GeoTile& g) const {
        const auto it = flat_.find(g);
        return it != flat_.end() ? it->second : templatePath(g);
    }

    Result<std::shared_ptr<const QuantizedMesh>> meshFor(const GeoTile& g) {
        {
            std::lock_guard lock(mutex_);
            if (const auto it = cache_.find(g); it != cache_.end()) {
                lru_.splice(lru_.begin(), lru_, it->second.second);
                return it->second.first;
            }
        }
        // Decoded outside the lock: two threads may occasionally decode the same tile, which is
        // cheaper than making every loader wait for one decode.
        const fs::path path = pathOf(g);
        auto bytes = readFileBytes(path, kMaxTileBytes, "tile");
        if (!bytes) return bytes.error();
        auto mesh = decodeQuantizedMesh(bytes->data(), bytes->size(), path.string());
        if (!mesh) return mesh.error();
        auto shared = std::make_shared<const QuantizedMesh>(std::move(*mesh));
        std::lock_guard lock(mutex_);
        if (!cache_.count(g)) {
            lru_.push_front(g);
            cache_.emplace(g, std::make_pair(shared, lru_.begin()));
            if (cache_.size() > kCacheCapacity) {
                cache_.erase(lru_.back());
                lru_.pop_back();
            }
        }
        return shared;
    }

    // Barycentric interpolation of the mesh's heights at the pixel centres inside geographic tile g,
    // computed in the tile's quantized (u east, v north) coordinates, which are linear in lon/lat.
    static void rasterise(const QuantizedMesh& m, const GeoTile& g, const LonLatBounds& mb,
                          const std::vector<double>& lon, const std::vector<double>& lat, HeightGrid& grid,
                          std::vector<std::uint8_t>& covered) {
        const double size = geoTileSize(g.level);
        const double west = -180.0 + g.x * size, south = -90.0 + g.y * size;
        const double q = QuantizedMesh::kMaxValue;
        std::vector<double> pu(lon.size()), pv(lat.size());
        for (std::size_t k = 0; k < lon.size(); ++k) pu[k] = (lon[k] - west) / size * q;
        for (std::size_t k = 0; k < lat.size(); ++k) pv[k] = (lat[k] - south) / size * q;
        const double dlon = (mb.east - mb.west) / kGridSize;
        for (std::size_t t = 0; t + 2 < m.triangles.size(); t += 3) {
            const std::uint32_t a = m.triangles[t], b = m.triangles[t + 1], c = m.triangles[t + 2];
            const double ax = m.u[a], ay = m.v[a], bx = m.u[b], by = m.v[b], cx = m.u[c], cy = m.v[c];
            const double det = (by - cy) * (ax - cx) + (cx - bx) * (ay - cy);
            if (det == 0.0) continue;  // degenerate: its neighbours cover the same points
            // Candidate pixels from the triangle's bounding box (columns linear in lon, rows
            // found by search because latitude is not linear in the Mercator row).
            const double lonLo = west + std::min({ax, bx, cx}) / q * size, lonHi = west + std::max({ax, bx, cx}) / q * size;
            const double latLo = south + std::min({ay, by, cy}) / q * size, latHi = south + std::max({ay, by, cy}) / q * size;
            const int i0 = std::max(0, int(std::floor((lonLo - mb.west) / dlon - 0.5)));
            const int i1 = std::min(kGridSize - 1, int(std::ceil((lonHi - mb.west) / dlon - 0.5)));
            // lat[] decreases with the row index.
            const auto j0 = int(std::lower_bound(lat.begin(), lat.end(), latHi, std::greater<>()) - lat.begin());
            const auto j1 = int(std::upper_bound(lat.begin(), lat.end(), latLo, std::greater<>()) - lat.begin()) - 1;
            const double ha = m.heightMetres(a), hb = m.heightMetres(b), hc = m.heightMetres(c);
            for (int j = std::max(0, j0 - 1); j <= std::min(kGridSize - 1, j1 + 1); ++j)
                for (int i = i0; i <= i1; ++i) {
                    const double px = pu[std::size_t(i)], py = pv[std::size_t(j)];
                    const double la = ((by - cy) * (px - cx) + (cx - bx) * (py - cy)) / det;
                    const double lb = ((cy - ay) * (px - cx) + (ax - cx) * (py - cy)) / det;
                    const double lc = 1.0 - la - lb;
                    if (la < -kEdgeEps || lb < -kEdgeEps || lc < -kEdgeEps) continue;
                    const std::size_t k = std::size_t(j) * kGridSize + std::size_t(i);
                    grid.samples[k] = static_cast<float>(la * ha + lb * hb + lc * hc);
                    covered[k] = 1;
                }
        }
    }

    fs::path dir_;
    std::string template_;
    bool tms_;
    std::vector<std::vector<Range>> available_;  // empty: every tile whose file exists
    std::map<GeoTile, fs::path> flat_;           // "<z>_<x>_<y>.terrain" files (TMS rows)
    int minLevel_, maxLevel_;
    mutable std::once_flag boundsOnce_;
    mutable LonLatBounds bounds_;
    mutable std::mutex mutex_;
    mutable std::unordered_map<GeoTile, bool, GeoTileHash> exists_;
    std::unordered_map<GeoTile, std::pair<std::shared_ptr<const QuantizedMesh>, std::list<GeoTile>::iterator>,
                       GeoTileHash>
        cache_;
    std::list<GeoTile> lru_;  // most recently used first
};

// Files named "<z>_<x>_<y>.terrain" directly in dir.
std::map<GeoTile, fs::path> scanFlatTiles(const fs::path& dir) {
    std::map<GeoTile, fs::path> out;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (it->path().extension() != ".terrain") continue;
        const std::string stem = it->path().stem().string();
        const auto a = stem.find('_'), b = stem.rfind('_');
        if (a == std::string::npos || a == b) continue;
        const auto z = parseInt(stem.substr(0, a)), x = parseInt(stem.substr(a + 1, b - a - 1)),
                   y = parseInt(stem.substr(b + 1));
        if (!z || !x || !y || *z < 0 || *z > kMaxLevel || *x < 0 || *x >= (2 << *z) || *y < 0 || *y >= (1 << *z))
            continue;
        out.emplace(GeoTile{*z, *x, *y}, it->path());
    }
    return out;
}

}  // namespace

Result<std::shared_ptr<TileSource>> openQuantizedMeshSource(const fs::path& dir) {
    using nlohmann::json;
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return makeError(dir.string() + ": terrain folder not found");
    const fs::path layerPath = dir / "layer.json";
    const std::string where = layerPath.string();
    auto bytes = readFileBytes(layerPath, kMaxLayerJsonBytes, "quantized-mesh layer.json");
    if (!bytes) return bytes.error();
    if (auto deep = jsonTooDeep(std::string_view(reinterpret_cast<const char*>(bytes->data()), bytes->size()), where))
        return *deep;
    const json doc = json::parse(bytes->begin(), bytes->end(), nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded() || !doc.is_object()) return makeError(where + ": not a JSON object");
    auto str = [&](const char* key, const std::string& fallback) {
        const auto it = doc.find(key);
        return it != doc.end() && it->is_string() ? it->get<std::string>() : fallback;
    };
    if (const std::string format = str("format", ""); format.rfind("quantized-mesh-1.", 0) != 0)
        return makeError(where + ": format '" + format + "' is not quantized-mesh-1.x");
    if (const std::string proj = str("projection", "EPSG:4326"); proj != "EPSG:4326")
        return makeError(where + ": projection " + proj + " is not supported (only EPSG:4326)");
    const std::string scheme = str("scheme", "tms");
    if (scheme != "tms" && scheme != "slippyMap") return makeError(where + ": unknown scheme '" + scheme + "'");

    // Path template: the first local one, without its query string, with {version} filled in.
    std::string tmpl = "{z}/{x}/{y}.terrain";
    if (const auto it = doc.find("tiles"); it != doc.end() && it->is_array() && !it->empty() && (*it)[0].is_string()) {
        std::string t = (*it)[0].get<std::string>();
        t = t.substr(0, t.find('?'));
        const std::string version = str("version", "");
        for (std::size_t p; (p = t.find("{version}")) != std::string::npos;) t.replace(p, 9, version);
        if (t.find("://") == std::string::npos && !t.empty() && t.front() != '/') tmpl = t;
    }

    std::vector<std::vector<Range>> available;
    if (const auto it = doc.find("available"); it != doc.end()) {
        if (!it->is_array()) return makeError(where + ": 'available' must be a list per level");
        for (const auto& level : *it) {
            if (!level.is_array()) return makeError(where + ": 'available' must be a list per level");
            // Levels beyond the deepest one served are never asked for.
            const auto z = static_cast<int>(available.size());
            if (z > kMaxLevel) break;
            auto& ranges = available.emplace_back();
            // Tile edges are computed from end + 1, so a range must lie within its level's grid.
            const long long cols = 2LL << z, rows = 1LL << z;
            for (const auto& r : level) {
                const char* keys[] = {"startX", "startY", "endX", "endY"};
                long long v[4];
                for (int k = 0; k < 4; ++k) {
                    const auto f = r.is_object() ? r.find(keys[k]) : r.end();
                    if (!r.is_object() || f == r.end() || !f->is_number_integer())
                        return makeError(where + ": every 'available' range needs integer startX, startY, endX, endY");
                    v[k] = f->get<long long>();
                }
                if (v[0] < 0 || v[0] > v[2] || v[2] >= cols || v[1] < 0 || v[1] > v[3] || v[3] >= rows)
                    return makeError(where + ": 'available' range at level " + std::to_string(z) + " (x " +
                                     std::to_string(v[0]) + ".." + std::to_string(v[2]) + ", y " + std::to_string(v[1]) +
                                     ".." + std::to_string(v[3]) + ") is outside the level's " + std::to_string(cols) +
                                     " x " + std::to_string(rows) + " tiles");
                ranges.push_back({int(v[0]), int(v[1]), int(v[2]), int(v[3])});
            }
        }
    }

    // Levels that hold tiles: from 'available' when given, else from the folders and flat files.
    auto flat = scanFlatTiles(dir);
    int lo = kMaxLevel + 1, hi = -1;
    auto note = [&](int level) {
        lo = std::min(lo, level);
        hi = std::max(hi, level);
    };
    for (std::size_t level = 0; level < available.size() && level <= kMaxLevel; ++level)
        if (!available[level].empty()) note(int(level));
    if (available.empty()) {
        for (const auto& [g, path] : flat) note(g.level);
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
            const auto z = parseInt(it->path().filename().string());
            std::error_code ec2;
            if (z && *z >= 0 && *z <= kMaxLevel && it->is_directory(ec2)) note(*z);
        }
    }
    if (hi < 0) return makeError(dir.string() + ": no quantized-mesh tiles");
    return std::shared_ptr<TileSource>(std::make_shared<QuantizedMeshSource>(dir, tmpl, scheme == "tms",
                                                                             std::move(available), std::move(flat), lo, hi));
}

}  // namespace plateau
