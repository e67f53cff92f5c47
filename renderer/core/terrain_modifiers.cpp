#include "core/terrain_modifiers.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include <glm/gtc/packing.hpp>

namespace plateau {

namespace {

// FNV-1a over the bytes of the values that shape a tile.
struct KeyHash {
    std::uint64_t h = 1469598103934665603ull;
    void add(const void* p, std::size_t n) {
        const auto* b = static_cast<const unsigned char*>(p);
        for (std::size_t i = 0; i < n; ++i) h = (h ^ b[i]) * 1099511628211ull;
    }
    void add(double v) { add(&v, sizeof v); }
};

// A margin of two pixels of a 256-px grid: bilinear reads beside a modified pixel see it too.
constexpr double kMarginPixels = 2.0;

}  // namespace

TerrainModifiers::TerrainModifiers(std::vector<TerrainModifier> list) : list_(std::move(list)) {
    shapes_.reserve(list_.size());
    for (const TerrainModifier& m : list_) shapes_.emplace_back(m);
}

std::vector<std::size_t> TerrainModifiers::affecting(const TileId& id) const {
    std::vector<std::size_t> out;
    const LonLatBounds t = tileBounds(id);
    const double px = (t.east - t.west) / 256.0;  // degrees of longitude per pixel
    const double pxLat = (t.north - t.south) / 256.0;
    const LonLatBounds grown{t.west - kMarginPixels * px, t.south - kMarginPixels * pxLat,
                             t.east + kMarginPixels * px, t.north + kMarginPixels * pxLat};
    for (std::size_t k = 0; k < shapes_.size(); ++k) {
        const LonLatBounds& b = shapes_[k].bounds();
        if (!b.intersects(grown)) continue;
        if (std::max(b.east - b.west, (b.north - b.south) * px / pxLat) < 2.0 * px) continue;
        out.push_back(k);
    }
    return out;
}

std::uint64_t TerrainModifiers::stateKey(const TileId& id, double year) const {
    KeyHash key;
    bool any = false;
    for (const std::size_t k : affecting(id)) {
        const auto s = modifierStateAt(list_[k], year);
        if (!s) continue;
        any = true;
        key.add(&k, sizeof k);
        key.add(s->value);
        key.add(s->benchHeight);
        key.add(s->benchWidth);
    }
    if (!any) return 0;
    return key.h == 0 ? 1 : key.h;
}

bool TerrainModifiers::apply(HeightGrid& grid, const TileId& tile, double year) const {
    bool changed = false;
    for (const std::size_t k : affecting(tile)) {
        const auto s = modifierStateAt(list_[k], year);
        if (!s) continue;
        // Only the pixels under the outline's bounds.
        const LonLatBounds& b = shapes_[k].bounds();
        double u0 = 0, v0 = 0, u1 = 0, v1 = 0;
        lonLatToTileUV(tile, b.west, b.north, u0, v0);
        lonLatToTileUV(tile, b.east, b.south, u1, v1);
        const int i0 = std::max(0, int(std::floor(u0 * grid.width - 0.5)));
        const int i1 = std::min(grid.width - 1, int(std::ceil(u1 * grid.width - 0.5)));
        const int j0 = std::max(0, int(std::floor(v0 * grid.height - 0.5)));
        const int j1 = std::min(grid.height - 1, int(std::ceil(v1 * grid.height - 0.5)));
        for (int j = j0; j <= j1; ++j) {
            for (int i = i0; i <= i1; ++i) {
                double lon = 0, lat = 0;
                tileUVToLonLat(tile, (i + 0.5) / grid.width, (j + 0.5) / grid.height, lon, lat);
                const double inside = shapes_[k].insideDistance(lon, lat);
                if (inside < 0.0) continue;
                float& h = grid.samples[std::size_t(j) * std::size_t(grid.width) + std::size_t(i)];
                const auto nh = float(modifiedHeight(list_[k], *s, inside, h));
                if (nh != h) changed = true;
                h = nh;
            }
        }
    }
    return changed;
}

SurfaceMark TerrainModifiers::markAt(double lon, double lat, double h, double year) const {
    for (std::size_t k = 0; k < list_.size(); ++k) {
        if (!shapes_[k].bounds().contains(lon, lat)) continue;
        const auto s = modifierStateAt(list_[k], year);
        if (!s) continue;
        const SurfaceMark m = surfaceMark(list_[k], *s, shapes_[k].insideDistance(lon, lat), h);
        if (m.bench != 0.0f || m.kind != 0.0f) return m;
    }
    return {};
}

void TerrainModifiers::markMesh(TileMesh& mesh, int gridSize, double year) const {
    const int g = gridSize;
    if (mesh.vertices.size() < std::size_t(g) * std::size_t(g)) return;
    for (int j = 0; j < g; ++j) {
        for (int i = 0; i < g; ++i) {
            TerrainVertex& v = mesh.vertices[std::size_t(j * g + i)];
            double lon = 0, lat = 0;
            tileUVToLonLat(mesh.id, double(i) / (g - 1), double(j) / (g - 1), lon, lat);
            const SurfaceMark m = markAt(lon, lat, v.height, year);
            v.modifier = glm::packHalf2x16(glm::vec2(m.bench, m.kind));
        }
    }
    // Skirt vertex k hangs under perimeter vertex k, clockwise from the north-west corner.
    const std::size_t skirts = mesh.vertices.size() - std::size_t(g) * std::size_t(g);
    for (std::size_t k = 0; k < skirts; ++k) {
        const int side = int(k) / (g - 1), t = int(k) % (g - 1);
        int i = 0, j = 0;
        if (side == 0) i = t, j = 0;
        else if (side == 1) i = g - 1, j = t;
        else if (side == 2) i = g - 1 - t, j = g - 1;
        else i = 0, j = g - 1 - t;
        const TerrainVertex& top = mesh.vertices[std::size_t(j * g + i)];
        TerrainVertex& s = mesh.vertices[std::size_t(g) * std::size_t(g) + k];
        s.modifier = top.modifier;
    }
}

std::vector<TerrainModifiers::Label> TerrainModifiers::labels(double year) const {
    std::vector<Label> out;
    for (std::size_t k = 0; k < list_.size(); ++k) {
        const auto s = modifierStateAt(list_[k], year);
        if (!s) continue;
        const auto [lon, lat] = shapes_[k].centre();
        out.push_back({lon, lat, modifierLabel(list_[k], *s)});
    }
    return out;
}

std::optional<TerrainModifiers::Pick> TerrainModifiers::pick(double lon, double lat, double year) const {
    for (std::size_t k = list_.size(); k-- > 0;) {
        const auto s = modifierStateAt(list_[k], year);
        if (!s || shapes_[k].insideDistance(lon, lat) < 0.0) continue;
        return Pick{k, *s, modifierLabel(list_[k], *s)};
    }
    return std::nullopt;
}

bool TerrainModifiers::wantsDetailBelow(const TileId& id) const {
    return id.z < kDetailZoom && !affecting(id).empty();
}

}  // namespace plateau
