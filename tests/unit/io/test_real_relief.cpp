// The default scene's real relief and its assets: the committed DEM agrees with the committed
// rivers (they run in valleys), the synthetic detail source behaves as specified, the
// illustrative glacier outlines follow their stated rate, and the committed files are exactly
// what plateau-assets derives from ../shared/data.
#include <catch2/catch.hpp>

#include <gdal.h>
#include <gdal_priv.h>
#include <ogr_api.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <vector>

#include "skip.h"
#include "assets/asset_builder.h"
#include "assets/glacier_change.h"
#include "io/detail_source.h"
#include "io_test_helpers.h"

using namespace plateau;
namespace fs = std::filesystem;

namespace {

const fs::path kAssets = fs::path(PLATEAU_SOURCE_DIR) / "assets";

struct Dem {
    int w = 0, h = 0;
    double gt[6]{};
    std::vector<std::int16_t> px;
    int at(int i, int j) const { return px[std::size_t(j) * std::size_t(w) + std::size_t(i)]; }
};

Dem readDem(const fs::path& file) {
    GDALAllRegister();
    Dem d;
    GDALDatasetH ds = GDALOpen(file.c_str(), GA_ReadOnly);
    REQUIRE(ds);
    d.w = GDALGetRasterXSize(ds);
    d.h = GDALGetRasterYSize(ds);
    REQUIRE(GDALGetGeoTransform(ds, d.gt) == CE_None);
    d.px.resize(std::size_t(d.w) * std::size_t(d.h));
    REQUIRE(GDALRasterIO(GDALGetRasterBand(ds, 1), GF_Read, 0, 0, d.w, d.h, d.px.data(), d.w, d.h, GDT_Int16, 0, 0) ==
            CE_None);
    GDALClose(ds);
    return d;
}

std::unique_ptr<GDALDataset> openVector(const fs::path& file) {
    GDALAllRegister();
    std::unique_ptr<GDALDataset> ds(
        GDALDataset::Open(file.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    INFO(file);
    REQUIRE(ds);
    REQUIRE(ds->GetLayerCount() == 1);
    return ds;
}

std::string readBytes(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), {});
}

// A smooth analytic terrain standing in for a 1 km DEM: ridges 20 km apart, slopes up to ~0.5.
class RidgeSource : public TileSource {
public:
    std::string describe() const override { return "ridges"; }
    int minZoom() const override { return 0; }
    int maxZoom() const override { return 8; }
    bool hasTile(const TileId& id) const override { return id.valid() && id.z <= 8; }
    Result<HeightGrid> load(const TileId& id) override {
        ++loads;
        HeightGrid g;
        g.width = g.height = 256;
        g.samples.resize(256 * 256);
        for (int j = 0; j < 256; ++j)
            for (int i = 0; i < 256; ++i) {
                double lon, lat;
                tileUVToLonLat(id, (i + 0.5) / 256, (j + 0.5) / 256, lon, lat);
                g.samples[std::size_t(j) * 256 + std::size_t(i)] =
                    float(4500.0 + 1500.0 * std::sin(lon * 17.0) * std::cos(lat * 23.0));
            }
        return g;
    }
    int loads = 0;
};

}  // namespace

namespace {

// Of the river vertices inside the DEM (moved `northDeg` north) whose 5 km window has relief (a
// valley can only be seen where the ground is not flat: more than 50 m between its lowest and
// highest pixel), the fraction lying below the window's median height. The DEM's height at a
// vertex is the lowest of the four pixels around it (those bilinear interpolation reads there):
// Natural Earth's 10m lines are generalised by about a DEM pixel, so the single nearest pixel is
// often on the valley side (that stricter count is printed too).
struct ValleyCount {
    int sampled = 0, below = 0, belowNearest = 0;
    double fraction() const { return sampled ? double(below) / sampled : 0.0; }
};

ValleyCount riversInValleys(const Dem& dem, GDALDataset& rivers, double northDeg) {
    const int half = 3;  // pixels: 2.5 km each way at 30" (0.93 km north-south, 0.81 km east-west)
    ValleyCount c;
    for (auto& f : *rivers.GetLayer(0)) {
        const OGRGeometry* g = f->GetGeometryRef();
        if (!g) continue;
        std::vector<const OGRLineString*> lines;
        if (wkbFlatten(g->getGeometryType()) == wkbLineString) lines.push_back(g->toLineString());
        if (wkbFlatten(g->getGeometryType()) == wkbMultiLineString)
            for (const auto* l : *g->toMultiLineString()) lines.push_back(l);
        for (const auto* l : lines)
            for (int k = 0; k < l->getNumPoints(); ++k) {
                const double fx = (l->getX(k) - dem.gt[0]) / dem.gt[1];
                const double fy = (l->getY(k) + northDeg - dem.gt[3]) / dem.gt[5];
                const int i = int(std::floor(fx)), j = int(std::floor(fy));
                if (i < half + 1 || j < half + 1 || i >= dem.w - half - 1 || j >= dem.h - half - 1) continue;
                std::vector<int> window;
                for (int y = j - half; y <= j + half; ++y)
                    for (int x = i - half; x <= i + half; ++x) window.push_back(dem.at(x, y));
                const auto [lo, hi] = std::minmax_element(window.begin(), window.end());
                if (*hi - *lo <= 50) continue;
                std::nth_element(window.begin(), window.begin() + long(window.size() / 2), window.end());
                const int median = window[window.size() / 2];
                const int i0 = int(std::floor(fx - 0.5)), j0 = int(std::floor(fy - 0.5));
                const int h = std::min({dem.at(i0, j0), dem.at(i0 + 1, j0), dem.at(i0, j0 + 1), dem.at(i0 + 1, j0 + 1)});
                ++c.sampled;
                if (h < median) ++c.below;
                if (dem.at(i, j) < median) ++c.belowNearest;
            }
    }
    return c;
}

}  // namespace

TEST_CASE("rivers of the committed vectors run in valleys of the committed DEM", "[real-relief]") {
    const Dem dem = readDem(kAssets / "terrain/himalaya_srtm30.tif");
    auto ds = openVector(kAssets / "vectors/rivers.geojson");
    const ValleyCount c = riversInValleys(dem, *ds, 0.0);
    INFO(c.below << " of " << c.sampled << " river vertices lie below their 5 km window's median height ("
                 << c.belowNearest << " by the nearest pixel alone)");
    REQUIRE(c.sampled > 500);
    CHECK(c.fraction() >= 0.90);
    // The test can tell: the same lines moved 5 km north mostly leave their valleys.
    const ValleyCount moved = riversInValleys(dem, *ds, 0.045);
    INFO(moved.below << " of " << moved.sampled << " when moved 5 km north");
    CHECK(moved.fraction() < 0.85);
}

TEST_CASE("detail source: nothing added at the wrapped source's own levels", "[real-relief][detail]") {
    auto inner = std::make_shared<RidgeSource>();
    DetailSource detail(inner, ReliefDetailParams{1, 40.0});
    CHECK(detail.maxZoom() == inner->maxZoom() + 4);
    for (const TileId t : {TileId{5, 23, 13}, TileId{8, 191, 107}}) {
        auto a = detail.load(t);
        auto b = inner->load(t);
        REQUIRE(a.ok());
        REQUIRE(b.ok());
        CHECK(a->samples == b->samples);
    }
    CHECK_FALSE(detail.hasTile(TileId{13, 191 * 32, 107 * 32}));
    CHECK(detail.hasTile(TileId{12, 191 * 16, 107 * 16}));
    CHECK_FALSE(detail.load(TileId{13, 191 * 32, 107 * 32}).ok());
}

TEST_CASE("detail source: deterministic, bounded, and zero-mean at the DEM's scale", "[real-relief][detail]") {
    const TileId t = lonLatToTile(91.58, 29.60, 12);
    auto inner = std::make_shared<RidgeSource>();
    DetailSource a(inner, ReliefDetailParams{1, 40.0}), b(inner, ReliefDetailParams{1, 40.0});
    DetailSource other(inner, ReliefDetailParams{2, 40.0}), flat(inner, ReliefDetailParams{1, 0.0});
    auto ga = a.load(t), gb = b.load(t), go = other.load(t), g0 = flat.load(t);
    REQUIRE((ga.ok() && gb.ok() && go.ok() && g0.ok()));
    CHECK(ga->samples == gb->samples);  // same seed: bit-identical
    CHECK(ga->samples != go->samples);  // another seed: other detail
    double maxAbs = 0.0, sum = 0.0;
    for (std::size_t k = 0; k < ga->samples.size(); ++k) {
        const double d = double(ga->samples[k]) - g0->samples[k];
        maxAbs = std::max(maxAbs, std::fabs(d));
        sum += d;
    }
    const double mean = sum / double(ga->samples.size());
    INFO("largest detail " << maxAbs << " m, mean " << mean << " m over a 6 km tile");
    CHECK(maxAbs <= 40.0 + 1e-3);  // bounded by the amplitude
    CHECK(maxAbs > 10.0);          // and not nothing on these slopes
    CHECK(std::fabs(mean) < 4.0);  // no offset at the DEM's own scale: wavelengths <= 1 km only
}

TEST_CASE("detail source: a point has one height whichever tile or level computes it", "[real-relief][detail]") {
    auto inner = std::make_shared<RidgeSource>();
    DetailSource src(inner, ReliefDetailParams{7, 40.0}, 6);  // down to z14
    // Tiles of one level (neighbours across a base tile edge too), and two levels fine enough
    // for every octave (z13, z14), all agree with the pointwise heightAt.
    const TileId c = lonLatToTile(90.0, 29.0, 8);  // 90 E is a z8 tile edge
    const std::vector<TileId> tiles = {TileId{10, c.x * 4 + 3, c.y * 4 + 1}, TileId{10, c.x * 4 + 4, c.y * 4 + 1},
                                       TileId{13, c.x * 32 + 31, c.y * 32 + 9}, TileId{13, c.x * 32 + 32, c.y * 32 + 9},
                                       TileId{14, c.x * 64 + 63, c.y * 64 + 18}};
    for (const TileId& t : tiles) {
        auto g = src.load(t);
        REQUIRE(g.ok());
        for (int j = 0; j < 256; j += 17)
            for (int i : {0, 1, 100, 254, 255}) {
                double lon, lat;
                tileUVToLonLat(t, (i + 0.5) / 256, (j + 0.5) / 256, lon, lat);
                auto h = src.heightAt(lon, lat, t.z);
                REQUIRE(h.ok());
                INFO(t.str() << " sample " << i << "," << j);
                CHECK(g->at(i, j) == Approx(*h).margin(2e-3));
                if (t.z >= 13) {
                    auto h13 = src.heightAt(lon, lat, 13), h14 = src.heightAt(lon, lat, 14);
                    CHECK(*h13 == Approx(*h14).margin(1e-6));
                }
            }
    }
    // Coarser levels are a low-passed version of the same surface: close, not equal.
    auto c10 = src.heightAt(90.01, 29.01, 10), c14 = src.heightAt(90.01, 29.01, 14);
    REQUIRE((c10.ok() && c14.ok()));
    CHECK(std::fabs(*c10 - *c14) <= 40.0);
}

TEST_CASE("illustrative glacier outlines lose area at the stated rate", "[real-relief][glaciers]") {
    auto ds = openVector(kAssets / "vectors/glacier_change_illustrative.geojson");
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::map<int, std::map<int, double>> area;  // glacier_id -> year -> km2
    for (auto& f : *ds->GetLayer(0)) {
        OGRGeometry* g = f->GetGeometryRef();
        REQUIRE(g);
        OGREnvelope e;
        g->getEnvelope(&e);
        OGRSpatialReference laea;
        laea.SetLAEA(0.5 * (e.MinY + e.MaxY), 0.5 * (e.MinX + e.MaxX), 0, 0);
        laea.SetWellKnownGeogCS("WGS84");
        laea.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&wgs84, &laea));
        std::unique_ptr<OGRGeometry> local(g->clone());
        REQUIRE(local->transform(ct.get()) == OGRERR_NONE);
        area[f->GetFieldAsInteger("glacier_id")][f->GetFieldAsInteger("year")] =
            OGR_G_Area(OGRGeometry::ToHandle(local.get())) / 1e6;  // polygons and multipolygons alike
    }
    REQUIRE(area.size() > 100);
    int checked = 0;
    for (const auto& [id, byYear] : area) {
        const auto first = byYear.find(1970);
        if (first == byYear.end() || first->second < 30.0) continue;  // rounding dominates small ones
        for (const auto& [year, km2] : byYear) {
            INFO("glacier " << id << " in " << year);
            CHECK(km2 / first->second == Approx(assets::areaFraction(year)).margin(0.03));
            ++checked;
        }
    }
    CHECK(checked > 60);
    CHECK(assets::areaFraction(2020) == Approx(0.625));
}

TEST_CASE("committed assets are exactly what plateau-assets derives", "[real-relief][assets]") {
    const fs::path data = PLATEAU_SHARED_DATA;
    if (!fs::exists(data / "dem/himalaya_srtm30_78-94E_24-31N.tif")) {
        PLATEAU_SKIP(data.string() << " is not there");
    }
    test::TempDir out("assets");
    auto st = assets::buildAll(data, out.path());
    INFO((st.ok() ? std::string() : st.error().message));
    REQUIRE(st.ok());
    for (const auto& f : assets::assetFiles()) {
        INFO(f);
        REQUIRE(fs::exists(kAssets / f));
        CHECK(readBytes(out.path() / f) == readBytes(kAssets / f));
    }
}

TEST_CASE("plateau-assets names a missing input", "[real-relief][assets]") {
    test::TempDir out("assets-missing");
    auto st = assets::buildAll(out.path() / "nowhere", out.path());
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().message.find("nowhere/dem/himalaya_srtm30_78-94E_24-31N.tif: file not found") !=
          std::string::npos);
}
