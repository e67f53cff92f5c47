// Draped layers on the GPU: vectors drape exactly on steep relief at every level of detail and
// exaggeration, imagery lands where its georeference says, the timeline picks the right outlines,
// picking returns the right place and feature, and a broken layer does not stop the others.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include <gdal_priv.h>

#include "app/layer_setup.h"
#include "core/picking.h"
#include "core/surface_height.h"
#include "io/gdal_overlay_source.h"
#include "io/gdal_source.h"
#include "io/imagery_source.h"
#include "io/vector_overlay_source.h"
#include "layer_test_support.h"

using namespace plateau;
using namespace plateau::test;

namespace {

constexpr int kW = 320, kH = 180;

// Height of the drawn mesh (unexaggerated) at a point: the drawn tile's own triangles, so the
// expected position carries the same level-of-detail error as the picture.
double meshHeight(const app::GlobeView& view, double lon, double lat) {
    for (const TileId& id : view.drawList()) {
        double u = 0, v = 0;
        lonLatToTileUV(id, lon, lat, u, v);
        if (u < 0 || v < 0 || u > 1 || v > 1) continue;
        const ResidentTile* t = view.store().find(id);
        REQUIRE(t);
        const int g = tileGridSize();
        const double x = u * (g - 1), y = v * (g - 1);
        const int i = std::min(int(x), g - 2), j = std::min(int(y), g - 2);
        const double fx = x - i, fy = y - j;
        auto h = [&](int a, int b) { return double(t->mesh.vertices[std::size_t(b * g + a)].height); };
        const double ha = h(i, j), hb = h(i + 1, j), hc = h(i, j + 1), hd = h(i + 1, j + 1);
        // Triangles (a, c, d) and (a, d, b) split each cell along its north-west diagonal.
        return fy >= fx ? ha + fx * (hd - hc) + fy * (hc - ha) : ha + fx * (hb - ha) + fy * (hd - hb);
    }
    FAIL("no drawn tile under the point");
    return 0;
}

// Pixels along a geographic polyline, sampled finely enough to be continuous on screen.
std::vector<glm::dvec2> projectLine(const app::GlobeView& view, const Camera& cam, const std::vector<LonLat>& line,
                                    double exaggeration, std::vector<glm::dvec3>* ecef = nullptr) {
    std::vector<glm::dvec2> out;
    for (std::size_t k = 0; k + 1 < line.size(); ++k) {
        for (int s = 0; s <= 400; ++s) {
            const double t = s / 400.0;
            const double lon = line[k].lon + (line[k + 1].lon - line[k].lon) * t;
            const double lat = line[k].lat + (line[k + 1].lat - line[k].lat) * t;
            const glm::dvec3 p = geodeticToEcef({lon, lat, meshHeight(view, lon, lat) * exaggeration});
            double px = 0, py = 0;
            if (!project(cam, p, px, py)) continue;
            out.emplace_back(px, py);
            if (ecef) ecef->push_back(p);
        }
    }
    return out;
}

double distanceTo(const std::vector<glm::dvec2>& pts, double x, double y) {
    double best = 1e30;
    for (const auto& p : pts) best = std::min(best, std::hypot(p.x - x, p.y - y));
    return best;
}

// Red over white, anti-aliased or averaged down to a quarter of full strength still counts.
bool isRed(int r, int g, int b) { return r > 150 && r - g > 50 && r - b > 50; }
bool isBlue(int r, int g, int b) { return b > 150 && b - r > 80 && b - g > 40; }

// A square of colour (r, g, b) over 91.40-91.50E 29.40-29.50N, in a transparent frame twice its
// size, as an RGBA GeoTIFF in EPSG:4326.
void writeSquareTif(const std::string& tif, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
    GDALAllRegister();
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GTiff");
    GDALDataset* ds = drv->Create(tif.c_str(), 400, 400, 4, GDT_Byte, nullptr);
    REQUIRE(ds);
    const double gt[6] = {91.35, 0.2 / 400, 0, 29.55, 0, -0.2 / 400};
    ds->SetGeoTransform(const_cast<double*>(gt));
    ds->SetProjection(
        R"(GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4326"]])");
    const std::uint8_t value[4] = {r, g, b, 255};
    std::vector<std::uint8_t> band(400 * 400);
    for (int k = 1; k <= 4; ++k) {
        for (int y = 0; y < 400; ++y)
            for (int x = 0; x < 400; ++x) {
                const bool in = x >= 100 && x < 300 && y >= 100 && y < 300;
                band[std::size_t(y * 400 + x)] = in ? value[k - 1] : 0;
            }
        REQUIRE(ds->GetRasterBand(k)->RasterIO(GF_Write, 0, 0, 400, 400, band.data(), 400, 400, GDT_Byte, 0, 0) ==
                CE_None);
    }
    ds->GetRasterBand(4)->SetColorInterpretation(GCI_AlphaBand);
    GDALClose(ds);
}

}  // namespace

TEST_CASE("a line and a polygon drape on a steep slope at two levels of detail and two exaggerations",
          "[gpu][layers][drape]") {
    auto src = openGdalSource({std::filesystem::path(PLATEAU_SHARED_DATA) / "dem/srtm3/N27E086.hgt"});
    REQUIRE(src.ok());
    const auto dir = tempDir("drape");
    // Up the south-west face of Everest to just below the summit: 3,000 m of relief, all of it
    // facing the camera (beyond the summit it would be hidden, which is right but not this test).
    const std::vector<LonLat> line{{86.885, 27.950}, {86.905, 27.968}, {86.924, 27.986}};
    writeText(dir / "line.geojson",
              R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":
              {"type":"LineString","coordinates":[[86.885,27.950],[86.905,27.968],[86.924,27.986]]}}]})");
    writeText(dir / "poly.geojson",
              R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":
              {"type":"Polygon","coordinates":[[[86.93,27.93],[86.96,27.93],[86.96,27.955],[86.93,27.955],[86.93,27.93]]]}}]})");

    // Two levels of detail: a near view and one three times farther (the tiles under the line are
    // two levels apart), at the default screen-space error, where a tile's texel is about a pixel.
    const double sse = 2.0;
    for (const double e : {1.0, 3.0}) {
        for (const double range : {14000.0, 42000.0}) {
            CAPTURE(e, range);
            GpuFixture fx(kW, kH, *src);
            addLayer(fx, vectorLayer("poly", dir / "poly.geojson", {0.1f, 0.2f, 1.0f, 1.0f}, 1.0f));
            addLayer(fx, vectorLayer("line", dir / "line.geojson", {1.0f, 0.0f, 0.0f, 1.0f}, 3.0f));
            Shading s;
            s.exaggeration = e;
            s.haze = false;
            // From the south, steeply down at the face (a steep slope, not a hidden one): at 3x the
            // face's slopes steepen to 60-75 degrees.
            const double pitch = -72.0;
            const double height = 6500.0 * e + range * std::sin(-pitch * 3.14159265358979 / 180.0);
            const double back = range * std::cos(-pitch * 3.14159265358979 / 180.0);
            const CameraPose pose{86.915, 27.96 - back / 111000.0, height, 0.0, pitch};
            const LayerRender r = renderLayers(fx, pose, 2024.0, s, sse);
            writePng(std::string(PLATEAU_TEST_OUTPUT) + "/drape_e" + std::to_string(int(e)) + "_" +
                         std::to_string(int(range / 1000)) + "km.png",
                     r.rgba, kW, kH);
            CHECK(fx.validationMessages() == 0);

            const auto red = mask(r.rgba, kW, kH, isRed);
            REQUIRE(countSet(red) > 30);
            std::vector<glm::dvec3> sampleEcef;
            const auto expected = projectLine(*fx.view, r.camera, line, e, &sampleEcef);
            REQUIRE(!expected.empty());
            // Which samples of the line are in view: the surface drawn at the sample's pixel (from
            // the depth buffer) is the sample's own. Nearer: terrain in front hides it. Farther: it
            // lies on a face turned away from the camera (at 3x, slopes past the view angle).
            const std::vector<float> depth = fx.session->lastDepth();
            // Strictly (for gaps: a sample whose neighbours are all clearly in view must be drawn)
            // and loosely (for pieces: a sliver of line at a ridge top counts as a stretch in view).
            std::vector<bool> visible(expected.size(), false), loose(expected.size(), false);
            int runs = 0;
            for (std::size_t k = 0; k < expected.size(); ++k) {
                const auto& p = expected[k];
                if (p.x < 0 || p.y < 0 || p.x >= kW || p.y >= kH) continue;
                const float d = depth[std::size_t(int(p.y) * kW + int(p.x))];
                if (d <= 0.0f) continue;
                const double drawn = r.camera.near_m / double(d);
                const double mine = glm::dot(sampleEcef[k] - r.camera.position, r.camera.forward);
                visible[k] = std::abs(drawn - mine) < mine * 0.01 + 30.0;
                loose[k] = std::abs(drawn - mine) < mine * 0.03 + 40.0;
            }
            for (std::size_t k = 0; k < loose.size(); ++k)
                if (loose[k] && (k == 0 || !loose[k - 1])) ++runs;
            // The line is unbroken: one piece per stretch the terrain leaves in view.
            CHECK(components(red, kW, kH) <= std::max(1, runs));
            // Every line pixel lies within 2 px of the projected line (nothing floats or sinks)...
            double worst = 0;
            for (int y = 0; y < kH; ++y)
                for (int x = 0; x < kW; ++x)
                    if (red[std::size_t(y * kW + x)]) worst = std::max(worst, distanceTo(expected, x + 0.5, y + 0.5));
            CHECK(worst <= 2.0);
            // ...and it is drawn all along its visible projection (no gaps).
            int gaps = 0;
            for (std::size_t k = 0; k < expected.size(); ++k) {
                const auto& p = expected[k];
                bool clear = true;
                for (std::size_t j = k < 4 ? 0 : k - 4; j <= std::min(k + 4, visible.size() - 1); ++j)
                    clear = clear && visible[j];
                if (!clear || p.x < 3 || p.y < 3 || p.x > kW - 3 || p.y > kH - 3) continue;
                bool near = false;
                for (int dy = -2; dy <= 2 && !near; ++dy)
                    for (int dx = -2; dx <= 2 && !near; ++dx)
                        near = red[std::size_t((int(p.y) + dy) * kW + int(p.x) + dx)] != 0;
                if (!near) ++gaps;
            }
            CHECK(gaps == 0);

            // The polygon's pixels lie inside its projected outline (within 2 px of it).
            const auto blue = mask(r.rgba, kW, kH, isBlue);
            REQUIRE(countSet(blue) > 30);
            const std::vector<LonLat> ring{{86.93, 27.93}, {86.96, 27.93}, {86.96, 27.955}, {86.93, 27.955}, {86.93, 27.93}};
            const auto outline = projectLine(*fx.view, r.camera, ring, e);
            int outside = 0;
            for (int y = 0; y < kH; ++y)
                for (int x = 0; x < kW; ++x) {
                    if (!blue[std::size_t(y * kW + x)]) continue;
                    // Inside by crossing count against the projected outline, or close to it.
                    int crossings = 0;
                    for (std::size_t k = 0; k + 1 < outline.size(); ++k) {
                        const auto& a = outline[k];
                        const auto& b = outline[k + 1];
                        if ((a.y > y + 0.5) != (b.y > y + 0.5) &&
                            x + 0.5 < a.x + (y + 0.5 - a.y) * (b.x - a.x) / (b.y - a.y))
                            ++crossings;
                    }
                    if (crossings % 2 == 0 && distanceTo(outline, x + 0.5, y + 0.5) > 2.0) ++outside;
                }
            CHECK(outside == 0);
        }
    }
}

TEST_CASE("imagery from a GeoTIFF lands where its georeference says", "[gpu][layers][imagery]") {
    const auto dir = tempDir("imagery");
    const std::string tif = (dir / "square.tif").string();
    writeSquareTif(tif, 255, 0, 0);
    auto img = openGdalOverlaySource(tif);
    REQUIRE(img.ok());
    GpuFixture fx(kW, kH, std::make_shared<FlatSource>(4000.0f));
    LayerDesc d;
    d.id = "square";
    d.type = LayerType::Imagery;
    const std::size_t i = fx.view->addLayer(d);
    fx.view->setLayerSource(i, *img);
    Shading s;
    s.haze = false;
    s.exaggeration = 2.0;
    const CameraPose pose{91.45, 29.45, 8000.0 + 30000.0, 0.0, -90.0};
    const LayerRender r = renderLayers(fx, pose, 2024.0, s, 2.0);
    writePng(std::string(PLATEAU_TEST_OUTPUT) + "/imagery_square.png", r.rgba, kW, kH);
    CHECK(fx.validationMessages() == 0);
    const auto red = mask(r.rgba, kW, kH, isRed);
    int x0 = kW, y0 = kH, x1 = -1, y1 = -1;
    for (int y = 0; y < kH; ++y)
        for (int x = 0; x < kW; ++x)
            if (red[std::size_t(y * kW + x)]) {
                x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x), y1 = std::max(y1, y);
            }
    REQUIRE(x1 > x0);
    // Projected corners (the surface is at 4,000 m drawn at 2x).
    double wx = 0, ny = 0, ex = 0, sy = 0;
    REQUIRE(project(r.camera, geodeticToEcef({91.40, 29.50, 8000.0}), wx, ny));
    REQUIRE(project(r.camera, geodeticToEcef({91.50, 29.40, 8000.0}), ex, sy));
    // Pixel edges: the first covered pixel starts at x0, the last ends at x1 + 1.
    CHECK(std::abs(x0 - wx) <= 1.0);
    CHECK(std::abs(x1 + 1 - ex) <= 1.0);
    CHECK(std::abs(y0 - ny) <= 1.0);
    CHECK(std::abs(y1 + 1 - sy) <= 1.0);
}

TEST_CASE("the timeline shows the Svalbard outlines of the right year", "[gpu][layers][time]") {
    const auto outlines = std::filesystem::path(PLATEAU_SOURCE_DIR) / "assets/vectors/svalbard_glaciers.geojson";
    const Colour red{1.0f, 0.0f, 0.0f, 1.0f};
    const CameraPose pose{11.95, 78.88, 30000.0, 0.0, -90.0};
    Shading s;
    s.haze = false;
    auto redPixels = [&](const LayerDesc& d, double time) {
        GpuFixture fx(kW, kH, std::make_shared<FlatSource>(0.0f));
        addLayer(fx, d);
        const LayerRender r = renderLayers(fx, pose, time, s, 2.0);
        writePng(std::string(PLATEAU_TEST_OUTPUT) + "/svalbard_" + d.id + "_" + std::to_string(int(time)) + ".png",
                 r.rgba, kW, kH);
        CHECK(fx.validationMessages() == 0);
        return countSet(mask(r.rgba, kW, kH, isRed));
    };
    LayerDesc timed = vectorLayer("timed", outlines, red, 1.0f);
    timed.time.field = "year";
    timed.time.idField = "name";
    LayerDesc only1936 = vectorLayer("y1936", outlines, red, 1.0f);
    only1936.source.where = "year = 1936";
    LayerDesc only2007 = vectorLayer("y2007", outlines, red, 1.0f);
    only2007.source.where = "year = 2007";

    const std::size_t at1950 = redPixels(timed, 1950.0), at2010 = redPixels(timed, 2010.0);
    const std::size_t of1936 = redPixels(only1936, 1950.0), of2007 = redPixels(only2007, 2010.0);
    INFO("1950: " << at1950 << " px, 1936 outlines: " << of1936 << " px; 2010: " << at2010
                  << " px, 2007 outlines: " << of2007 << " px");
    REQUIRE(of1936 > 500);
    CHECK(double(at1950) == Approx(double(of1936)).epsilon(0.005));
    CHECK(double(at2010) == Approx(double(of2007)).epsilon(0.005));
    // The glaciers retreated: the 2007 outlines cover clearly less than those of 1936.
    CHECK(double(at2010) < 0.9 * double(at1950));
}

TEST_CASE("picking returns the place under a pixel and the feature there", "[gpu][layers][picking]") {
    const auto dir = tempDir("picking");
    writeText(dir / "area.geojson",
              R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"mine"},"geometry":
              {"type":"Polygon","coordinates":[[[91.55,29.58],[91.62,29.58],[91.62,29.63],[91.55,29.63],[91.55,29.58]]]}}]})");
    GpuFixture fx(kW, kH, std::make_shared<FlatSource>(4500.0f));
    const LayerDesc d = vectorLayer("area", dir / "area.geojson", {0.0f, 0.0f, 1.0f, 1.0f});
    auto src = openVectorOverlay(d);
    REQUIRE(src.ok());
    const std::size_t i = fx.view->addLayer(d);
    fx.view->setLayerSource(i, *src);
    Shading s;
    s.exaggeration = 3.0;
    const CameraPose pose{91.58, 29.50, 13500.0 + 12000.0, 0.0, -50.0};
    const LayerRender r = renderLayers(fx, pose, 2024.0, s, 2.0, false);
    const std::vector<float> depth = fx.session->lastDepth();
    REQUIRE(depth.size() == std::size_t(kW * kH));
    int hits = 0, inside = 0;
    for (int y = 10; y < kH; y += 17)
        for (int x = 5; x < kW; x += 23) {
            const auto p = pickSurface(r.camera, depth, x, y, s.exaggeration);
            if (!p) continue;
            ++hits;
            // Flat terrain: the elevation is exact whatever the level of detail.
            CHECK(p->elevation_m == Approx(4500.0).margin(2.0));
            // The picked point projects back onto the pixel it came from.
            double px = 0, py = 0;
            REQUIRE(project(r.camera, p->ecef, px, py));
            CHECK(std::abs(px - x) < 1.0);
            CHECK(std::abs(py - y) < 1.0);
            const bool in = p->lon_deg > 91.55 && p->lon_deg < 91.62 && p->lat_deg > 29.58 && p->lat_deg < 29.63;
            const auto f = (*src)->pick(p->lon_deg, p->lat_deg, metresPerPixel(r.camera, p->distance_m),
                                        (*src)->stateAt(2024.0));
            // Away from the edge, the feature is found exactly where the polygon is.
            const bool nearEdge = std::abs(p->lon_deg - 91.55) < 0.002 || std::abs(p->lon_deg - 91.62) < 0.002 ||
                                  std::abs(p->lat_deg - 29.58) < 0.002 || std::abs(p->lat_deg - 29.63) < 0.002;
            if (!nearEdge) CHECK(f.has_value() == in);
            if (in && f) {
                ++inside;
                const auto& feat = (*src)->data().features[*f];
                CHECK(feat.values.at(std::size_t((*src)->data().fieldIndex("name"))).text == "mine");
            }
        }
    CHECK(hits > 50);
    CHECK(inside > 3);
    CHECK(fx.validationMessages() == 0);
}

TEST_CASE("a broken layer is reported and marked failed; the others are drawn", "[gpu][layers][errors]") {
    const auto dir = tempDir("errors");
    writeText(dir / "broken.geojson", R"({"type":"FeatureCollection","features":[{"type":"Feature",)");
    writeText(dir / "good.geojson",
              R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":
              {"type":"LineString","coordinates":[[91.50,29.50],[91.70,29.60]]}}]})");
    writeText(dir / "nodbf.shp", "not a shapefile");
    GpuFixture fx(kW, kH, std::make_shared<FlatSource>(4000.0f));
    std::vector<LayerDesc> layers{vectorLayer("broken", dir / "broken.geojson", {0, 1, 0, 1}),
                                  vectorLayer("good", dir / "good.geojson", {1, 0, 0, 1}, 3.0f),
                                  vectorLayer("noshx", dir / "nodbf.shp", {0, 1, 0, 1})};
    LayerDesc tiff;
    tiff.id = "missing";
    tiff.type = LayerType::Imagery;
    tiff.source.type = "gdal";
    tiff.source.path = dir / "missing.tif";
    layers.push_back(tiff);
    std::vector<std::string> log;
    app::LayerLoader(*fx.view, layers, nullptr, [&](const std::string& m) { log.push_back(m); }).wait();
    REQUIRE(fx.view->layers().size() == 4);
    const auto& l = fx.view->layers();
    CHECK(l[0].error.find("broken.geojson") != std::string::npos);
    CHECK(!l[1].error.size());
    CHECK(l[2].error.find("nodbf.shp") != std::string::npos);
    CHECK(l[3].error.find("missing.tif") != std::string::npos);
    // One line per failed layer (and a line saying how the good one opened).
    CHECK(std::count_if(log.begin(), log.end(), [](const std::string& m) { return m.find("opened in") == std::string::npos; }) == 3);
    for (const auto& m : log) CHECK(m.find('\n') == std::string::npos);
    Shading s;
    const LayerRender r = renderLayers(fx, {91.6, 29.4, 30000.0, 0.0, -70.0}, 2024.0, s, 2.0);
    CHECK(countSet(mask(r.rgba, kW, kH, isRed)) > 50);
    CHECK(fx.validationMessages() == 0);
}

TEST_CASE("imagery with dates follows the timeline", "[gpu][layers][imagery][time]") {
    const auto dir = tempDir("imagery-time");
    writeSquareTif((dir / "square_2000.tif").string(), 255, 0, 0);
    writeSquareTif((dir / "square_2010.tif").string(), 0, 0, 255);
    LayerDesc d;
    d.id = "dated";
    d.type = LayerType::Imagery;
    d.source.type = "gdal";
    d.source.path = dir / "square_{time}.tif";
    d.source.times = {{"2000", 2000.0}, {"2010", 2010.0}};
    auto src = openImagerySource(d, {});
    REQUIRE(src.ok());
    Shading s;
    s.haze = false;
    const CameraPose pose{91.45, 29.45, 4000.0 + 30000.0, 0.0, -90.0};
    auto colours = [&](double year) {
        GpuFixture fx(kW, kH, std::make_shared<FlatSource>(4000.0f));
        const std::size_t i = fx.view->addLayer(d);
        fx.view->setLayerSource(i, *src);
        const LayerRender r = renderLayers(fx, pose, year, s, 2.0);
        CHECK(fx.validationMessages() == 0);
        return std::make_pair(countSet(mask(r.rgba, kW, kH, isRed)), countSet(mask(r.rgba, kW, kH, isBlue)));
    };
    const auto before = colours(1990.0), mid = colours(2005.0), after = colours(2015.0);
    CHECK(before.first > 1000);  // before the first date: the first picture
    CHECK(before.second == 0);
    CHECK(mid.first == before.first);
    CHECK(mid.second == 0);
    CHECK(after.first == 0);
    CHECK(after.second == mid.first);  // the same square, now blue
}
