#include <catch2/catch.hpp>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <random>
#include <tuple>

#include "io/atomic_file.h"
#include "io/quantized_mesh.h"
#include "io/quantized_mesh_source.h"
#include "io_test_helpers.h"

using namespace plateau;
namespace fs = std::filesystem;

namespace {

const std::string kQm = std::string(PLATEAU_SHARED_DATA) + "/dem/quantized_mesh";
const std::string kEverestDir = kQm + "/everest_9_759_335";
const std::string kEverestTile = kEverestDir + "/9_759_335.terrain";

std::vector<std::uint8_t> readAll(const std::string& path) {
    auto bytes = readFileBytes(path);
    INFO(path);
    REQUIRE(bytes.ok());
    return *bytes;
}

QuantizedMesh decodeOrFail(const std::vector<std::uint8_t>& bytes, const std::string& name) {
    auto m = decodeQuantizedMesh(bytes.data(), bytes.size(), name);
    INFO((m.ok() ? std::string() : m.error().message));
    REQUIRE(m.ok());
    return std::move(*m);
}

// Invariants every successfully decoded mesh must satisfy.
void checkConsistent(const QuantizedMesh& m) {
    const std::size_t n = m.vertexCount();
    REQUIRE(m.v.size() == n);
    REQUIRE(m.h.size() == n);
    REQUIRE(m.triangles.size() % 3 == 0);
    for (const auto i : m.triangles) REQUIRE(i < n);
    for (const auto* list : {&m.westIndices, &m.southIndices, &m.eastIndices, &m.northIndices})
        for (const auto i : *list) REQUIRE(i < n);
    for (std::size_t i = 0; i < n; ++i) {
        REQUIRE(m.u[i] <= QuantizedMesh::kMaxValue);
        REQUIRE(m.v[i] <= QuantizedMesh::kMaxValue);
        REQUIRE(m.h[i] <= QuantizedMesh::kMaxValue);
    }
}

// Twice the signed area of triangle t in quantized units.
double signedArea2(const QuantizedMesh& m, std::size_t t) {
    const auto a = m.triangles[3 * t], b = m.triangles[3 * t + 1], c = m.triangles[3 * t + 2];
    return (double(m.u[b]) - m.u[a]) * (double(m.v[c]) - m.v[a]) - (double(m.u[c]) - m.u[a]) * (double(m.v[b]) - m.v[a]);
}

// --- A small quantized-mesh encoder for exact tests --------------------------------------------
void put(std::vector<std::uint8_t>& out, std::uint64_t v, int bytes) {
    for (int k = 0; k < bytes; ++k) out.push_back(std::uint8_t(v >> (8 * k)));
}
void putF64(std::vector<std::uint8_t>& out, double d) {
    std::uint64_t bits;
    std::memcpy(&bits, &d, 8);
    put(out, bits, 8);
}
void putF32(std::vector<std::uint8_t>& out, float f) {
    std::uint32_t bits;
    std::memcpy(&bits, &f, 4);
    put(out, bits, 4);
}

// Vertices are renumbered in order of first use, as the high-water-mark encoding requires.
std::vector<std::uint8_t> encodeMesh(std::vector<std::uint16_t> u, std::vector<std::uint16_t> v, std::vector<std::uint16_t> h,
                                     std::vector<std::uint32_t> tris, float minH, float maxH) {
    const std::size_t n = u.size();
    std::vector<std::uint32_t> order(n, UINT32_MAX);
    std::uint32_t next = 0;
    for (auto& i : tris) {
        if (order[i] == UINT32_MAX) order[i] = next++;
        i = order[i];
    }
    REQUIRE(next == n);
    std::vector<std::uint16_t> uu(n), vv(n), hh(n);
    for (std::size_t i = 0; i < n; ++i) uu[order[i]] = u[i], vv[order[i]] = v[i], hh[order[i]] = h[i];

    std::vector<std::uint8_t> out;
    for (int k = 0; k < 3; ++k) putF64(out, 0.0);
    putF32(out, minH);
    putF32(out, maxH);
    for (int k = 0; k < 7; ++k) putF64(out, 0.0);
    put(out, n, 4);
    for (const auto* arr : {&uu, &vv, &hh}) {
        int prev = 0;
        for (const auto value : *arr) {
            const int d = int(value) - prev;
            put(out, std::uint16_t((d << 1) ^ (d >> 31)), 2);
            prev = value;
        }
    }
    const int width = n > 65536 ? 4 : 2;
    while (width == 4 && out.size() % 4) out.push_back(0xAB);  // padding before 32-bit indices
    put(out, tris.size() / 3, 4);
    std::uint32_t highest = 0;
    for (const auto i : tris) {
        put(out, highest - i, width);
        if (i == highest) ++highest;
    }
    // Edge lists: vertices on each side.
    const auto edge = [&](auto pred) {
        std::vector<std::uint32_t> list;
        for (std::uint32_t i = 0; i < n; ++i)
            if (pred(i)) list.push_back(i);
        put(out, list.size(), 4);
        for (const auto i : list) put(out, i, width);
    };
    edge([&](std::uint32_t i) { return uu[i] == 0; });
    edge([&](std::uint32_t i) { return vv[i] == 0; });
    edge([&](std::uint32_t i) { return uu[i] == 32767; });
    edge([&](std::uint32_t i) { return vv[i] == 32767; });
    return out;
}

// A regular (k+1) x (k+1) grid mesh whose heights follow h = a + b u + c v (quantized units).
std::vector<std::uint8_t> planeMesh(int k, float minH, float maxH, double a, double b, double c) {
    std::vector<std::uint16_t> u, v, h;
    for (int r = 0; r <= k; ++r)
        for (int col = 0; col <= k; ++col) {
            u.push_back(std::uint16_t(col * 32767 / k));
            v.push_back(std::uint16_t(r * 32767 / k));
            h.push_back(std::uint16_t(std::lround(a + b * u.back() + c * v.back())));
        }
    std::vector<std::uint32_t> tris;
    const auto at = [&](int r, int col) { return std::uint32_t(r * (k + 1) + col); };
    for (int r = 0; r < k; ++r)
        for (int col = 0; col < k; ++col) {
            tris.insert(tris.end(), {at(r, col), at(r, col + 1), at(r + 1, col + 1)});
            tris.insert(tris.end(), {at(r, col), at(r + 1, col + 1), at(r + 1, col)});
        }
    return encodeMesh(u, v, h, tris, minH, maxH);
}

std::vector<std::uint8_t> gzip(const std::vector<std::uint8_t>& raw) {
    z_stream zs{};
    REQUIRE(deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
    std::vector<std::uint8_t> out(deflateBound(&zs, uLong(raw.size())) + 64);
    zs.next_in = const_cast<Bytef*>(raw.data());
    zs.avail_in = uInt(raw.size());
    zs.next_out = out.data();
    zs.avail_out = uInt(out.size());
    REQUIRE(deflate(&zs, Z_FINISH) == Z_STREAM_END);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
}

std::shared_ptr<TileSource> openOrFail(const fs::path& dir) {
    auto src = openQuantizedMeshSource(dir);
    INFO((src.ok() ? std::string() : src.error().message));
    REQUIRE(src.ok());
    return *src;
}

bool inside(const LonLatBounds& inner, const LonLatBounds& outer) {
    return inner.west >= outer.west && inner.east <= outer.east && inner.south >= outer.south && inner.north <= outer.north;
}

}  // namespace

TEST_CASE("Quantized mesh: the Everest tile decodes with consistent geometry", "[quantized-mesh]") {
    const auto bytes = readAll(kEverestTile);
    const QuantizedMesh m = decodeOrFail(bytes, kEverestTile);
    checkConsistent(m);
    CHECK(m.vertexCount() == 2460);
    CHECK(m.minHeight == Approx(3727.5).margin(1.0));
    CHECK(m.maxHeight == Approx(8777.1).margin(1.0));
    double lo = 1e9, hi = -1e9;
    for (std::size_t i = 0; i < m.vertexCount(); ++i) {
        const double h = m.heightMetres(i);
        REQUIRE(h >= m.minHeight - 1e-3);
        REQUIRE(h <= m.maxHeight + 1e-3);
        lo = std::min(lo, h);
        hi = std::max(hi, h);
    }
    // The header's range comes from the source raster, not only the kept vertices: the highest
    // vertex (quantized 32766, the summit) is within 1 m of maxHeight, but the lowest is quantized
    // 131, i.e. 3,747.7 m, 20 m above minHeight.
    CHECK(hi == Approx(m.maxHeight).margin(1.0));
    CHECK(lo == Approx(3747.7).margin(0.5));
    CHECK(lo - m.minHeight < 25.0);

    // The triangles tile the square exactly once, all counter-clockwise.
    REQUIRE(m.triangleCount() > 0);
    double area = 0;
    for (std::size_t t = 0; t < m.triangleCount(); ++t) {
        const double a2 = signedArea2(m, t);
        REQUIRE(a2 >= 0);
        area += a2 / 2;
    }
    CHECK(area == Approx(32767.0 * 32767.0).epsilon(1e-9));

    // Edge lists lie on their edges and include the corners.
    REQUIRE(m.westIndices.size() >= 2);
    REQUIRE(m.southIndices.size() >= 2);
    REQUIRE(m.eastIndices.size() >= 2);
    REQUIRE(m.northIndices.size() >= 2);
    for (const auto i : m.westIndices) CHECK(m.u[i] == 0);
    for (const auto i : m.eastIndices) CHECK(m.u[i] == 32767);
    for (const auto i : m.southIndices) CHECK(m.v[i] == 0);
    for (const auto i : m.northIndices) CHECK(m.v[i] == 32767);

    // Header centre is near the tile centre (87.0E 27.95N) on the ellipsoid.
    const double r = std::hypot(m.center[0], m.center[1], m.center[2]);
    CHECK(r == Approx(6.37e6).epsilon(0.01));
    CHECK(std::atan2(m.center[1], m.center[0]) * 180 / M_PI == Approx(87.0).margin(0.2));
}

TEST_CASE("Quantized mesh: world root tiles decode with their extensions", "[quantized-mesh]") {
    struct Case {
        const char* file;
        bool normals, water;
    };
    for (const Case& c : {Case{"tile.terrain", false, false}, Case{"tile.octvertexnormals.terrain", true, false},
                          Case{"tile.watermask.terrain", false, true}, Case{"tile.octvertexnormals.watermask.terrain", true, true}}) {
        const std::string path = kQm + "/world_root_tiles/" + c.file;
        INFO(path);
        const QuantizedMesh m = decodeOrFail(readAll(path), path);
        checkConsistent(m);
        CHECK(m.vertexCount() > 100);
        CHECK(m.triangleCount() > 100);
        CHECK(m.octNormals.size() == (c.normals ? 2 * m.vertexCount() : 0));
        CHECK(m.normal(0).has_value() == c.normals);
        if (c.water) CHECK((m.waterMask.size() == 1 || m.waterMask.size() == 256 * 256));
        else CHECK(m.waterMask.empty());
        if (c.normals) {
            // Normals are unit vectors pointing roughly up (the ellipsoid normal at the vertex).
            double meanDot = 0;
            for (std::size_t i = 0; i < m.vertexCount(); ++i) {
                const auto nrm = *m.normal(i);
                REQUIRE(std::hypot(nrm[0], nrm[1], nrm[2]) == Approx(1.0).margin(1e-4));
                const double lon = (-180.0 + 180.0 * m.u[i] / 32767.0) * M_PI / 180;  // level 0, x = 0
                const double lat = (-90.0 + 180.0 * m.v[i] / 32767.0) * M_PI / 180;
                meanDot += nrm[0] * std::cos(lat) * std::cos(lon) + nrm[1] * std::cos(lat) * std::sin(lon) +
                           nrm[2] * std::sin(lat);
            }
            CHECK(meanDot / double(m.vertexCount()) > 0.9);
        }
    }
}

TEST_CASE("Quantized mesh: truncated and corrupted data give errors, never crashes", "[quantized-mesh]") {
    const auto bytes = readAll(kEverestTile);
    const QuantizedMesh full = decodeOrFail(bytes, "everest");
    for (std::size_t len = 0; len < bytes.size(); len += 97) {
        auto m = decodeQuantizedMesh(bytes.data(), len, "cut");
        if (m.ok()) {
            // Only a cut exactly after a complete section can still decode (an extension dropped).
            CHECK(m->vertexCount() == full.vertexCount());
            CHECK(m->triangles == full.triangles);
            continue;
        }
        CHECK(m.error().message.rfind("cut: ", 0) == 0);
        CHECK(m.error().message.find('\n') == std::string::npos);
    }
    auto none = decodeQuantizedMesh(nullptr, 0, "empty");
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().message == "empty: empty tile");

    std::mt19937 rng(1234);
    int errors = 0;
    for (int trial = 0; trial < 400; ++trial) {
        auto copy = bytes;
        const int flips = 1 + int(rng() % 8);
        for (int k = 0; k < flips; ++k) copy[rng() % copy.size()] = std::uint8_t(rng());
        auto m = decodeQuantizedMesh(copy.data(), copy.size(), "corrupt");
        if (m.ok()) checkConsistent(*m);
        else ++errors;
    }
    CHECK(errors > 0);

    // A vertex count far beyond the data is refused before any allocation.
    auto huge = bytes;
    huge[88] = huge[89] = huge[90] = 0xff;
    huge[91] = 0x7f;
    auto h = decodeQuantizedMesh(huge.data(), huge.size(), "huge");
    REQUIRE_FALSE(h.ok());
    CHECK(h.error().message.rfind("huge: truncated in the vertex data", 0) == 0);
}

TEST_CASE("Quantized mesh: gzip data and 32-bit indices", "[quantized-mesh]") {
    const auto bytes = readAll(kEverestTile);
    const auto packed = gzip(bytes);
    const QuantizedMesh m = decodeOrFail(packed, "gz");
    CHECK(m.vertexCount() == 2460);
    auto cut = decodeQuantizedMesh(packed.data(), packed.size() / 2, "gz-cut");
    REQUIRE_FALSE(cut.ok());
    CHECK(cut.error().message == "gz-cut: corrupt or truncated gzip data");

    // 257 x 257 vertices: more than 65536, so indices are 32-bit after alignment padding.
    const auto big = planeMesh(256, 0.0f, 1000.0f, 100.0, 0.25, 0.5);
    const QuantizedMesh b = decodeOrFail(big, "big");
    checkConsistent(b);
    CHECK(b.vertexCount() == 257u * 257u);
    CHECK(b.triangleCount() == 2u * 256u * 256u);
    CHECK(b.westIndices.size() == 257);
    CHECK(b.northIndices.size() == 257);
}

TEST_CASE("Quantized mesh source: Everest folder served as Web Mercator tiles", "[quantized-mesh]") {
    auto src = openOrFail(kEverestDir);
    CHECK(src->describe() == "quantized-mesh " + kEverestDir);
    const QuantizedMesh mesh = decodeOrFail(readAll(kEverestTile), "everest");
    const LonLatBounds geo{-180.0 + 759 * 180.0 / 512, -90.0 + 335 * 180.0 / 512, -180.0 + 760 * 180.0 / 512,
                           -90.0 + 336 * 180.0 / 512};

    int served = 0;
    for (int z = 11; z <= 12; ++z) {
        const TileId t = lonLatToTile(86.925, 27.988, z);
        if (!inside(tileBounds(t), geo)) continue;
        INFO(t.str());
        REQUIRE(src->hasTile(t));
        auto grid = src->load(t);
        INFO((grid.ok() ? std::string() : grid.error().message));
        REQUIRE(grid.ok());
        REQUIRE(grid->width == 256);
        REQUIRE(grid->height == 256);
        float lo = 0, hi = 0;
        grid->minMax(lo, hi);
        CHECK(lo >= mesh.minHeight - 0.01f);
        CHECK(hi <= mesh.maxHeight + 0.01f);
        CHECK(hi > 8000.0f);
        ++served;
    }
    CHECK(served > 0);

    CHECK_FALSE(src->hasTile(lonLatToTile(90.0, 30.0, 11)));                  // no data there
    CHECK_FALSE(src->hasTile(lonLatToTile(86.925, 27.988, 8)));               // only partly covered
    CHECK_FALSE(src->hasTile(lonLatToTile(86.925, 27.988, src->maxZoom() + 1)));
    auto outside = src->load(lonLatToTile(90.0, 30.0, 11));
    REQUIRE_FALSE(outside.ok());
    CHECK(outside.error().message.find("not covered") != std::string::npos);
}

TEST_CASE("Quantized mesh source: heights agree with SRTM around Everest", "[quantized-mesh]") {
    // SRTM3 N27E086: 1201 x 1201 big-endian int16, row 0 at 28N, column 0 at 86E.
    const auto hgt = readAll(std::string(PLATEAU_SHARED_DATA) + "/dem/srtm3/N27E086.hgt");
    REQUIRE(hgt.size() == 1201u * 1201u * 2u);
    auto srtm = [&](double lon, double lat) {
        const auto col = std::size_t(std::lround((lon - 86.0) * 1200)), row = std::size_t(std::lround((28.0 - lat) * 1200));
        const std::size_t k = 2 * (row * 1201 + col);
        return double(std::int16_t(std::uint16_t(hgt[k] << 8 | hgt[k + 1])));
    };
    auto src = openOrFail(kEverestDir);
    const TileId t = lonLatToTile(86.925, 27.95, 12);
    REQUIRE(src->hasTile(t));
    auto grid = src->load(t);
    REQUIRE(grid.ok());
    double sum = 0, flippedSum = 0;
    int n = 0;
    for (int j = 0; j < 256; j += 8)
        for (int i = 0; i < 256; i += 8) {
            double lon, lat;
            tileUVToLonLat(t, (i + 0.5) / 256, (j + 0.5) / 256, lon, lat);
            sum += std::abs(grid->at(i, j) - srtm(lon, lat));
            flippedSum += std::abs(grid->at(i, 255 - j) - srtm(lon, lat));  // a north/south mix-up
            ++n;
        }
    const double meanDiff = sum / n, flippedDiff = flippedSum / n;
    INFO("mean |TIN - SRTM| " << meanDiff << " m, flipped " << flippedDiff << " m");
    // A level-9 mesh is built from a raster of about 500 m, so on the Everest massif's 45-degree
    // faces it differs from 90 m SRTM by hundreds of metres; a north/south mix-up is far worse.
    CHECK(meanDiff < 400.0);
    CHECK(flippedDiff > 2 * meanDiff);
    // The mesh's highest vertex is the summit (8,849 m; SRTM 8,840 m, this mesh 8,777 m).
    double u, v;
    lonLatToTileUV(t, 86.925, 27.98833, u, v);
    CHECK(grid->sample(u, v) > 8700.0f);
}

TEST_CASE("Quantized mesh source: {z}/{x}/{y} folders, availability and exact interpolation", "[quantized-mesh]") {
    test::TempDir dir("qm");
    // A plane over geographic tile level 6 (x 95, TMS y 41: 87.19..90.0E 25.3..28.1N), 3 km span.
    const float minH = 1000.0f, maxH = 4276.7f;
    const double a = 300.0, b = 0.2, c = 0.6;  // h in quantized units
    fs::create_directories(dir.path() / "6" / "95");
    REQUIRE(writeFileAtomic(dir.path() / "6" / "95" / "41.terrain", planeMesh(8, minH, maxH, a, b, c)).ok());
    const std::string layer = R"({"format":"quantized-mesh-1.0","scheme":"tms","tiles":["{z}/{x}/{y}.terrain?v={version}"],
        "version":"1.0.0","available":[[],[],[],[],[],[],[{"startX":95,"startY":41,"endX":95,"endY":41}]]})";
    REQUIRE(writeFileAtomic(dir.path() / "layer.json", layer).ok());

    auto src = openOrFail(dir.path());
    const double size = 180.0 / 64, west = -180.0 + 95 * size, south = -90.0 + 41 * size;
    const TileId t = lonLatToTile(west + 0.3 * size, south + 0.6 * size, 8);
    REQUIRE(src->hasTile(t));
    auto grid = src->load(t);
    INFO((grid.ok() ? std::string() : grid.error().message));
    REQUIRE(grid.ok());
    // Barycentric interpolation reproduces a plane exactly (up to the 2-unit height rounding).
    const double step = (double(maxH) - minH) / 32767;
    for (int j = 0; j < 256; j += 15)
        for (int i = 0; i < 256; i += 15) {
            double lon, lat;
            tileUVToLonLat(t, (i + 0.5) / 256, (j + 0.5) / 256, lon, lat);
            const double qu = (lon - west) / size * 32767, qv = (lat - south) / size * 32767;
            REQUIRE(grid->at(i, j) == Approx(minH + (a + b * qu + c * qv) * step).margin(2 * step));
        }
    // Outside the available range, or a level without any file: not served.
    CHECK_FALSE(src->hasTile(lonLatToTile(west - 0.5 * size, south + 0.5 * size, 8)));
    CHECK_FALSE(src->hasTile(lonLatToTile(west + 0.5 * size, south + 0.5 * size, 3)));

    // Availability that names the tile but the file is missing: not served either.
    fs::remove(dir.path() / "6" / "95" / "41.terrain");
    auto gone = openOrFail(dir.path());
    CHECK_FALSE(gone->hasTile(t));

    // Bad folders.
    auto none = openQuantizedMeshSource(dir.path() / "nope");
    REQUIRE_FALSE(none.ok());
    CHECK(none.error().message == (dir.path() / "nope").string() + ": terrain folder not found");
    REQUIRE(writeFileAtomic(dir.path() / "layer.json", std::string(R"({"format":"pbf"})")).ok());
    auto wrong = openQuantizedMeshSource(dir.path());
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().message == (dir.path() / "layer.json").string() + ": format 'pbf' is not quantized-mesh-1.x");
}

TEST_CASE("Quantized mesh source: slippyMap rows are counted from the north, tms rows from the south",
          "[quantized-mesh][faults]") {
    // The same plane (rising to the north, so a north/south mix-up shows) over geographic tile
    // 6/95 (TMS row 41, slippyMap row 63 - 41 = 22), in two folders that differ only in the
    // scheme. Where a wrong flip would look, each folder holds the mirrored plane.
    const float minH = 1000.0f, maxH = 4276.7f;
    const double a = 300.0, b = 0.2, c = 0.6;
    const auto plane = planeMesh(8, minH, maxH, a, b, c);
    const auto mirrored = planeMesh(8, minH, maxH, a + c * 32767, b, -c);
    test::TempDir tms("qm-tms"), slippy("qm-slippy");
    for (const auto& [dir, scheme, row, decoyRow] :
         {std::tuple{&tms, "tms", 41, 22}, std::tuple{&slippy, "slippyMap", 22, 41}}) {
        fs::create_directories(dir->path() / "6" / "95");
        REQUIRE(writeFileAtomic(dir->path() / "6" / "95" / (std::to_string(row) + ".terrain"), plane).ok());
        REQUIRE(writeFileAtomic(dir->path() / "6" / "95" / (std::to_string(decoyRow) + ".terrain"), mirrored).ok());
        REQUIRE(writeFileAtomic(dir->path() / "layer.json",
                                std::string(R"({"format":"quantized-mesh-1.0","scheme":")") + scheme +
                                    R"(","tiles":["{z}/{x}/{y}.terrain"],"version":"1.0.0"})")
                    .ok());
    }

    const double size = 180.0 / 64, west = -180.0 + 95 * size, south = -90.0 + 41 * size;
    const TileId t = lonLatToTile(west + 0.3 * size, south + 0.6 * size, 8);
    const double step = (double(maxH) - minH) / 32767;
    std::vector<HeightGrid> grids;
    for (const test::TempDir* dir : {&tms, &slippy}) {
        INFO(dir->path().string());
        auto src = openOrFail(dir->path());
        REQUIRE(src->hasTile(t));
        auto grid = src->load(t);
        INFO((grid.ok() ? std::string() : grid.error().message));
        REQUIRE(grid.ok());
        for (int j = 0; j < 256; j += 15)
            for (int i = 0; i < 256; i += 15) {
                double lon, lat;
                tileUVToLonLat(t, (i + 0.5) / 256, (j + 0.5) / 256, lon, lat);
                const double qu = (lon - west) / size * 32767, qv = (lat - south) / size * 32767;
                REQUIRE(grid->at(i, j) == Approx(minH + (a + b * qu + c * qv) * step).margin(2 * step));
            }
        grids.push_back(std::move(*grid));
    }
    CHECK(grids[0].samples == grids[1].samples);
}

TEST_CASE("Quantized mesh source: availability outside a level's grid is an error, deep levels are ignored", "[quantized-mesh]") {
    test::TempDir dir("qm-ranges");
    fs::create_directories(dir.path() / "1" / "1");
    REQUIRE(writeFileAtomic(dir.path() / "1" / "1" / "0.terrain", planeMesh(4, 0.0f, 100.0f, 0.0, 0.0, 0.0)).ok());
    // endX + 1 overflowed an int when the edges of the available area were computed.
    REQUIRE(writeFileAtomic(dir.path() / "layer.json",
                            std::string(R"({"format":"quantized-mesh-1.0","available":[[],)"
                                        R"([{"startX":1,"startY":0,"endX":2147483647,"endY":0}]]})"))
                .ok());
    auto huge = openQuantizedMeshSource(dir.path());
    REQUIRE_FALSE(huge.ok());
    CHECK(huge.error().message == (dir.path() / "layer.json").string() +
                                      ": 'available' range at level 1 (x 1..2147483647, y 0..0) is outside the level's 4 x 2 tiles");

    // Availability down to level 30: levels past the deepest one served are not read, and the
    // finest tiles asked for stay within int arithmetic.
    std::string levels;
    for (int z = 0; z <= 30; ++z) levels += std::string(z ? "," : "") + R"([{"startX":1,"startY":0,"endX":1,"endY":0}])";
    REQUIRE(writeFileAtomic(dir.path() / "layer.json", R"({"format":"quantized-mesh-1.0","available":[)" + levels + "]}").ok());
    auto deep = openOrFail(dir.path());
    CHECK(deep->maxZoom() == 28);
    CHECK_FALSE(deep->hasTile({28, 0, 0}));
}
