// GDAL rasters as draped imagery: checkerboards written at test time in EPSG:4326 and in UTM,
// rendered into Web Mercator tiles, must put their squares' corners where the projections say.
#include <catch2/catch.hpp>

#include <cmath>
#include <thread>

#include "core/overlay_source.h"
#include "imagery_test_helpers.h"
#include "io/gdal_overlay_source.h"
#include "io/imagery_source.h"
#include "io_test_helpers.h"

using namespace plateau;
using plateau::test::RasterSpec;
using plateau::test::TempDir;
namespace fs = std::filesystem;

namespace {

constexpr int N = kOverlayTileSize;
constexpr std::uint8_t kRedA = 200, kRedB = 40;  // the two squares' red channels (blue swapped)

// A checkerboard of RGB squares `square` pixels wide: (200,40,40) where (col+row) is even.
RasterSpec checkerboard(int squares, int square, std::array<double, 6> gt, int epsg) {
    RasterSpec s;
    s.width = s.height = squares * square;
    s.bands = 3;
    s.geoTransform = gt;
    s.epsg = epsg;
    s.interp = {GCI_RedBand, GCI_GreenBand, GCI_BlueBand};
    s.value = [square](int band, int x, int y) {
        const bool a = ((x / square) + (y / square)) % 2 == 0;
        if (band == 2) return 40.0;
        return double((band == 1) == a ? kRedA : kRedB);
    };
    return s;
}

std::shared_ptr<OverlaySource> openOrFail(const fs::path& file, const GdalOverlayOptions& o = {}) {
    auto src = openGdalOverlaySource(file, o);
    INFO((src.ok() ? std::string() : src.error().message));
    REQUIRE(src.ok());
    return *src;
}

OverlayImage renderOrFail(OverlaySource& src, const TileId& id) {
    std::atomic<bool> cancel{false};
    auto img = src.render(id, 0, cancel);
    INFO(id.str() << ": " << (img.ok() ? std::string() : img.error().message));
    REQUIRE(img.ok());
    REQUIRE(img->size == N);
    REQUIRE(img->rgba.size() == std::size_t(N) * N * 4);
    CHECK(img->id == id);
    return std::move(*img);
}

double red(const OverlayImage& img, int x, int y) { return img.pixel(x, y)[0]; }

// Where the red channel crosses halfway between the two squares' values along a row (horizontal)
// or a column, near `guess` (texel coordinates, texel centres at i + 0.5); NaN when it does not.
double crossing(const OverlayImage& img, bool alongRow, int line, double guess) {
    const double half = (kRedA + kRedB) / 2.0;
    const int lo = std::max(0, int(guess) - 6), hi = std::min(N - 2, int(guess) + 6);
    for (int i = lo; i <= hi; ++i) {
        const double a = alongRow ? red(img, i, line) : red(img, line, i);
        const double b = alongRow ? red(img, i + 1, line) : red(img, line, i + 1);
        if ((a - half) * (b - half) <= 0 && a != b) return i + 0.5 + (half - a) / (b - a);
    }
    return std::nan("");
}

// Corners of the squares, measured: the vertical edge through the corner is found on rows 3 to 10
// texels above and below it and fitted with a line, the horizontal edge likewise on columns, and
// the two lines intersected. Compared with `expected` (texel coordinates from the projections).
void checkCorner(const OverlayImage& img, double ex, double ey, int& checked) {
    if (ex < 14 || ey < 14 || ex > N - 14 || ey > N - 14) return;
    // x = a + b * y through the vertical edge's crossings, y = c + d * x through the horizontal's.
    auto fit = [&](bool vertical, double& a, double& b) {
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = 0;
        for (int off = -10; off <= 10; ++off) {
            if (std::abs(off) < 3) continue;
            const int line = int(std::floor((vertical ? ey : ex) + off));
            const double at = line + 0.5;
            const double c = crossing(img, vertical, line, vertical ? ex : ey);
            INFO((vertical ? "row " : "column ") << line);
            REQUIRE(std::isfinite(c));
            sx += at, sy += c, sxx += at * at, sxy += at * c;
            ++n;
        }
        b = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        a = (sy - b * sx) / n;
    };
    double a, b, c, d;
    fit(true, a, b);
    fit(false, c, d);
    // x = a + b y, y = c + d x  ->  x = (a + b c) / (1 - b d)
    const double x = (a + b * c) / (1 - b * d), y = c + d * x;
    INFO("corner expected at " << ex << ", " << ey << ", measured at " << x << ", " << y);
    CHECK(std::hypot(x - ex, y - ey) <= 1.0);
    ++checked;
}

}  // namespace

TEST_CASE("a checkerboard in EPSG:4326 lands on its corners in Web Mercator tiles", "[imagery][gdal]") {
    TempDir dir("imagery-gdal");
    const fs::path file = dir.path() / "checker4326.tif";
    // 8 x 8 squares of 0.25 degrees, 88..90E 28..30N, 32 pixels per square.
    const double pix = 0.25 / 32;
    plateau::test::writeGeoTiff(file, checkerboard(8, 32, {88.0, pix, 0, 30.0, 0, -pix}, 4326));
    auto src = openOrFail(file);
    CHECK(src->describe() == "imagery " + file.string());
    // 0.0078 degrees is 760 m here: z8 texels (535 m) are the first finer ones; two more to zoom.
    CHECK(src->maxZoom() == 10);
    CHECK(src->hasTile(lonLatToTile(89.0, 29.0, 10)));
    CHECK_FALSE(src->hasTile(lonLatToTile(89.0, 29.0, 11)));
    CHECK_FALSE(src->hasTile(lonLatToTile(95.0, 29.0, 8)));

    int checked = 0;
    for (const int z : {8, 9}) {
        const TileId nw = lonLatToTile(88.0, 30.0, z), se = lonLatToTile(90.0, 28.0, z);
        for (int x = nw.x; x <= se.x; ++x)
            for (int y = nw.y; y <= se.y; ++y) {
                const TileId id{z, x, y};
                const OverlayImage img = renderOrFail(*src, id);
                for (int i = 1; i < 8; ++i)
                    for (int j = 1; j < 8; ++j) {
                        double u, v;
                        lonLatToTileUV(id, 88.0 + 0.25 * i, 30.0 - 0.25 * j, u, v);
                        checkCorner(img, u * N, v * N, checked);
                    }
            }
    }
    CHECK(checked > 40);
}

TEST_CASE("a checkerboard in UTM 46N lands on its corners in Web Mercator tiles", "[imagery][gdal]") {
    TempDir dir("imagery-gdal");
    const fs::path file = dir.path() / "checker32646.tif";
    // 8 x 8 squares of 3.2 km near Lhasa (100 m pixels), in UTM zone 46N, 2 degrees west of its
    // central meridian, where the grid is turned about a degree from north.
    const double e0 = 340000, n0 = 3300000, pix = 100;
    plateau::test::writeGeoTiff(file, checkerboard(8, 32, {e0, pix, 0, n0, 0, -pix}, 32646));
    auto src = openOrFail(file);

    OGRSpatialReferenceH utm = OSRNewSpatialReference(nullptr), wgs = OSRNewSpatialReference(nullptr);
    OSRImportFromEPSG(utm, 32646);
    OSRImportFromEPSG(wgs, 4326);
    OSRSetAxisMappingStrategy(utm, OAMS_TRADITIONAL_GIS_ORDER);
    OSRSetAxisMappingStrategy(wgs, OAMS_TRADITIONAL_GIS_ORDER);
    OGRCoordinateTransformationH toLonLat = OCTNewCoordinateTransformation(utm, wgs);
    REQUIRE(toLonLat);
    auto lonLat = [&](double e, double n) {
        double x = e, y = n;
        REQUIRE(OCTTransform(toLonLat, 1, &x, &y, nullptr));
        return std::pair{x, y};
    };
    const auto [west, north] = lonLat(e0, n0);
    const auto [east, south] = lonLat(e0 + 25600, n0 - 25600);

    int checked = 0;
    for (const int z : {10, 11}) {
        const TileId nw = lonLatToTile(west, north, z), se = lonLatToTile(east, south, z);
        for (int x = nw.x; x <= se.x; ++x)
            for (int y = nw.y; y <= se.y; ++y) {
                const TileId id{z, x, y};
                const OverlayImage img = renderOrFail(*src, id);
                for (int i = 1; i < 8; ++i)
                    for (int j = 1; j < 8; ++j) {
                        const auto [lon, lat] = lonLat(e0 + 3200.0 * i, n0 - 3200.0 * j);
                        double u, v;
                        lonLatToTileUV(id, lon, lat, u, v);
                        checkCorner(img, u * N, v * N, checked);
                    }
            }
    }
    OCTDestroyCoordinateTransformation(toLonLat);
    OSRDestroySpatialReference(utm);
    OSRDestroySpatialReference(wgs);
    CHECK(checked > 40);
}

TEST_CASE("GDAL imagery is transparent outside the raster and at nodata; grey is stretched", "[imagery][gdal]") {
    TempDir dir("imagery-gdal");
    const fs::path file = dir.path() / "grey.tif";
    // Heights 1000..5000 m rising eastwards over 90..91E 29..30N; the northern quarter is nodata.
    RasterSpec s;
    s.width = s.height = 200;
    s.type = GDT_Float32;
    s.geoTransform = {90.0, 0.005, 0, 30.0, 0, -0.005};
    s.noData = -9999;
    s.value = [](int, int x, int y) { return y < 50 ? -9999.0 : 1000.0 + 4000.0 * x / 199.0; };
    plateau::test::writeGeoTiff(file, s);
    auto src = openOrFail(file);

    // z6 tile around the raster: the raster is a small part of it.
    const TileId id = lonLatToTile(90.5, 29.5, 6);
    const OverlayImage img = renderOrFail(*src, id);
    CHECK_FALSE(img.transparent);
    auto texel = [&](double lon, double lat) {
        double u, v;
        lonLatToTileUV(id, lon, lat, u, v);
        return img.pixel(int(u * N), int(v * N));
    };
    CHECK(texel(89.0, 29.5)[3] == 0);   // west of the raster
    CHECK(texel(90.5, 29.9)[3] == 0);   // nodata
    const std::uint8_t* westEdge = texel(90.03, 29.3);
    const std::uint8_t* eastEdge = texel(90.97, 29.3);
    CHECK(westEdge[3] == 255);
    CHECK(eastEdge[3] == 255);
    CHECK(westEdge[0] < 30);          // near the minimum: near black
    CHECK(eastEdge[0] > 225);         // near the maximum: near white
    CHECK(eastEdge[0] == eastEdge[1]);  // grey
    CHECK(eastEdge[1] == eastEdge[2]);

    // A tile outside the raster: transparent, and not claimed.
    const TileId away = lonLatToTile(80.0, 29.5, 6);
    CHECK_FALSE(src->hasTile(away));
    CHECK(renderOrFail(*src, away).transparent);

    // An explicit stretch.
    GdalOverlayOptions o;
    o.stretch = std::pair{0.0, 10000.0};
    auto stretched = openOrFail(file, o);
    const OverlayImage img2 = renderOrFail(*stretched, id);
    double u, v;
    lonLatToTileUV(id, 90.97, 29.3, u, v);
    CHECK(int(img2.pixel(int(u * N), int(v * N))[0]) == Approx(5000.0 / 10000 * 255).margin(8));
}

TEST_CASE("GDAL imagery: paletted and RGBA rasters", "[imagery][gdal]") {
    TempDir dir("imagery-gdal");
    const TileId id = lonLatToTile(90.5, 29.5, 8);
    const LonLatBounds tb = tileBounds(id);
    const double pix = (tb.east - tb.west) / 64;

    // Paletted: left half index 1 (orange), right half index 2 (teal), the top rows index 0, the
    // nodata value. (TIFF colour maps hold no alpha: nodata is how a paletted GeoTIFF says clear.)
    RasterSpec p;
    p.width = p.height = 64;
    p.geoTransform = {tb.west, pix, 0, tb.north, 0, -(tb.north - tb.south) / 64};
    p.value = [](int, int x, int y) { return y < 8 ? 0.0 : x < 32 ? 1.0 : 2.0; };
    p.palette = {{0, 0, 0, 255}, {255, 128, 0, 255}, {0, 128, 128, 255}};
    p.noData = 0;
    plateau::test::writeGeoTiff(dir.path() / "palette.tif", p);
    auto pal = openOrFail(dir.path() / "palette.tif");
    const OverlayImage pi = renderOrFail(*pal, id);
    const std::uint8_t* l = pi.pixel(40, 128);
    const std::uint8_t* r = pi.pixel(200, 128);
    CHECK((int(l[0]) == 255 && int(l[1]) == 128 && int(l[2]) == 0 && int(l[3]) == 255));
    CHECK((int(r[0]) == 0 && int(r[1]) == 128 && int(r[2]) == 128 && int(r[3]) == 255));
    CHECK(int(pi.pixel(128, 10)[3]) == 0);

    // RGBA: opaque green at the top, fully transparent at the bottom.
    RasterSpec a = p;
    a.palette.clear();
    a.bands = 4;
    a.interp = {GCI_RedBand, GCI_GreenBand, GCI_BlueBand, GCI_AlphaBand};
    a.value = [](int band, int, int y) {
        if (band == 4) return y < 32 ? 255.0 : 0.0;
        return band == 2 ? 200.0 : 10.0;
    };
    plateau::test::writeGeoTiff(dir.path() / "rgba.tif", a);
    auto rgba = openOrFail(dir.path() / "rgba.tif");
    const OverlayImage ri = renderOrFail(*rgba, id);
    CHECK(int(ri.pixel(128, 40)[1]) == Approx(200).margin(2));
    CHECK(int(ri.pixel(128, 40)[3]) == 255);
    CHECK(int(ri.pixel(128, 220)[3]) == 0);
}

TEST_CASE("GDAL imagery renders the same tile on many threads at once", "[imagery][gdal]") {
    TempDir dir("imagery-gdal");
    const fs::path file = dir.path() / "checker.tif";
    const double pix = 0.25 / 32;
    plateau::test::writeGeoTiff(file, checkerboard(8, 32, {88.0, pix, 0, 30.0, 0, -pix}, 4326));
    auto src = openOrFail(file);
    const TileId id = lonLatToTile(89.0, 29.0, 9);
    const OverlayImage reference = renderOrFail(*src, id);
    std::vector<std::thread> threads;
    std::atomic<int> same{0};
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            std::atomic<bool> cancel{false};
            for (int k = 0; k < 3; ++k) {
                auto img = src->render(id, 0, cancel);
                if (img.ok() && img->rgba == reference.rgba) ++same;
            }
        });
    for (auto& t : threads) t.join();
    CHECK(same == 12);
}

TEST_CASE("opening GDAL imagery fails with one line naming the file", "[imagery][gdal]") {
    TempDir dir("imagery-gdal");
    LayerDesc layer;
    layer.id = "sat";
    layer.source.type = "gdal";
    layer.source.path = dir.path() / "absent.tif";
    auto missing = openImagerySource(layer, dir.path());
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message == "layer 'sat': " + layer.source.path.string() + ": file not found");

    // A local engineering CRS: nothing relates it to longitudes and latitudes.
    RasterSpec s;
    s.width = s.height = 8;
    s.geoTransform = {0, 1, 0, 0, 0, -1};
    s.epsg = 0;
    s.wkt = R"(LOCAL_CS["mine site grid",UNIT["metre",1]])";
    s.value = [](int, int, int) { return 1.0; };
    const fs::path local = dir.path() / "local.tif";
    plateau::test::writeGeoTiff(local, s);
    layer.source.path = local;
    auto unknown = openImagerySource(layer, dir.path());
    REQUIRE_FALSE(unknown.ok());
    CHECK_THAT(unknown.error().message, Catch::StartsWith("layer 'sat': " + local.string() + ": unsupported CRS"));
    CHECK(unknown.error().message.find('\n') == std::string::npos);

    layer.source.type = "wms";
    auto wms = openImagerySource(layer, dir.path());
    REQUIRE_FALSE(wms.ok());
    CHECK(wms.error().message == "layer 'sat': source type 'wms' is not one of http, gdal");
}
