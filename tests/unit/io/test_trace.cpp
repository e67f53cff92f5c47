// Where Qulong's water goes, on the committed SRTM30 DEM with the committed rivers and river
// facts; DEM reading (nodata, CRS checks) and one-line errors; the trace layer's features.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <fstream>

#include <cpl_conv.h>
#include <gdal.h>
#include <ogr_srs_api.h>

#include "io/flow_dem.h"
#include "io/trace_overlay.h"
#include "io/trace_service.h"
#include "io_test_helpers.h"

using namespace plateau;
namespace fs = std::filesystem;

namespace {

const fs::path kAssets = fs::path(PLATEAU_SOURCE_DIR) / "assets";

TraceLayerDesc qulongDesc() {
    TraceLayerDesc d;
    d.from = {91.583, 29.600};
    d.catchment = true;
    d.dem = kAssets / "terrain/himalaya_srtm30.tif";
    d.rivers = kAssets / "vectors/rivers.geojson";
    d.reaches = kAssets / "rivers/reaches.csv";
    return d;
}

// One routed service for all the real-data cases (routing takes about a second).
std::shared_ptr<const TraceService> qulongService() {
    static const auto s = [] {
        auto r = TraceService::open(qulongDesc());
        if (!r) FAIL(r.error().message);
        return *r;
    }();
    return s;
}

std::size_t indexOf(const std::vector<std::string>& v, const std::string& s) {
    return std::size_t(std::find(v.begin(), v.end(), s) - v.begin());
}

// A small geographic GeoTIFF: a bowl draining west, with a nodata hole.
fs::path writeDem(const fs::path& dir, const char* srs = "EPSG:4326") {
    GDALAllRegister();
    const fs::path f = dir / "bowl.tif";
    GDALDatasetH ds = GDALCreate(GDALGetDriverByName("GTiff"), f.c_str(), 8, 6, 1, GDT_Float32, nullptr);
    REQUIRE(ds);
    double gt[6] = {90.0, 0.01, 0.0, 30.0, 0.0, -0.01};
    GDALSetGeoTransform(ds, gt);
    OGRSpatialReferenceH s = OSRNewSpatialReference(nullptr);
    OSRSetFromUserInput(s, srs);
    char* wkt = nullptr;
    OSRExportToWkt(s, &wkt);
    GDALSetProjection(ds, wkt);
    CPLFree(wkt);
    OSRDestroySpatialReference(s);
    std::vector<float> z(48);
    for (int j = 0; j < 6; ++j)
        for (int i = 0; i < 8; ++i) z[std::size_t(j * 8 + i)] = float(100 + 10 * i);
    z[3 * 8 + 5] = -9999.0f;
    z[3 * 8 + 6] = 50.0f;  // a pit beside the hole
    GDALRasterBandH b = GDALGetRasterBand(ds, 1);
    GDALSetRasterNoDataValue(b, -9999.0);
    REQUIRE(GDALRasterIO(b, GF_Write, 0, 0, 8, 6, z.data(), 8, 6, GDT_Float32, 0, 0) == CE_None);
    GDALClose(ds);
    return f;
}

}  // namespace

TEST_CASE("trace: from Qulong the water reaches the Yarlung and leaves the DEM east of 93E", "[flow][trace]") {
    const auto s = qulongService();
    CHECK(s->raster().width == 1875);
    CHECK(s->raster().height == 877);
    const auto t = s->trace({91.583, 29.600}, true);
    REQUIRE(t.ok());
    const TraceReport& r = t->report;
    INFO(formatTraceReport(r));
    CHECK(r.leftDem);
    CHECK(r.exit.lon > 93.0);
    CHECK(r.exit.lon > s->raster().east() - s->raster().cellLon);  // on the east edge
    // Through Lhasa (91.1E) and Qüxü before turning east down the Yarlung.
    const auto& dem = r.line;
    CHECK(std::any_of(dem.begin(), dem.begin() + std::ptrdiff_t(r.demVertices),
                      [](const LonLat& p) { return p.lon < 91.0 && p.lat < 29.4; }));
    // The rivers in order and the countries in order.
    const auto& rv = r.rivers;
    REQUIRE(indexOf(rv, "Lhasa River") < rv.size());
    REQUIRE(indexOf(rv, "Yarlung Tsangpo") < rv.size());
    REQUIRE(indexOf(rv, "Brahmaputra") < rv.size());
    CHECK(indexOf(rv, "Lhasa River") == 0);
    CHECK(indexOf(rv, "Lhasa River") < indexOf(rv, "Yarlung Tsangpo"));
    CHECK(indexOf(rv, "Yarlung Tsangpo") < indexOf(rv, "Brahmaputra"));
    CHECK(r.countries == std::vector<std::string>{"China", "India", "Bangladesh"});
    // Beyond the DEM along the Brahmaputra to the plains of Bangladesh.
    CHECK(r.line.size() > r.demVertices);
    CHECK(r.line.back().lat < 24.5);
    CHECK(r.demKm > 400.0);
    CHECK(r.totalKm > 1800.0);
    // The catchment of the mine's cell: small (it is high on a slope), outlined, area stated.
    REQUIRE(r.catchmentKm2);
    CHECK(*r.catchmentKm2 > 0.5);
    CHECK(*r.catchmentKm2 < 1000.0);
    CHECK_FALSE(t->catchmentRings.empty());
    const std::string text = formatTraceReport(r);
    CHECK(text.rfind("trace from 91.583E 29.600N: ", 0) == 0);
    CHECK(text.find("Lhasa River \u2192 Yarlung Tsangpo") != std::string::npos);
    CHECK(text.find("China \u2192 India \u2192 Bangladesh") != std::string::npos);
}

TEST_CASE("trace: a point farther down has a larger catchment, and async traces cancel", "[flow][trace]") {
    const auto s = qulongService();
    // On the Yarlung below the Lhasa River's mouth: the catchment holds the Lhasa River's.
    const std::int64_t lhasaMouth = s->raster().cellAt(91.1, 29.64);
    REQUIRE(lhasaMouth >= 0);
    const auto q = s->trace({91.583, 29.600}, true);
    REQUIRE(q.ok());
    auto fut = traceAsync(s, {91.583, 29.600}, false, std::make_shared<std::atomic<bool>>(false));
    const auto viaAsync = fut.get();
    REQUIRE(viaAsync.ok());
    CHECK(viaAsync->report.line.size() == q->report.line.size());
    CHECK_FALSE(viaAsync->report.catchmentKm2);
    auto cancelled = traceAsync(s, {91.583, 29.600}, true, std::make_shared<std::atomic<bool>>(true)).get();
    REQUIRE_FALSE(cancelled.ok());
    CHECK(cancelled.error().message.find("trace cancelled") != std::string::npos);
    // Accumulation grows downstream along the path.
    const auto path = traceDownstream(s->model(), std::int32_t(s->raster().cellAt(91.583, 29.600)));
    for (std::size_t k = 1; k < path.size(); ++k)
        CHECK(s->model().accumulationKm2[std::size_t(path[k])] > s->model().accumulationKm2[std::size_t(path[k - 1])]);
    // The Yarlung at the DEM's east edge drains far more than 100,000 km² of the DEM.
    CHECK(s->model().accumulationKm2[std::size_t(path.back())] > 100000.0);
}

TEST_CASE("trace: the Lhasa River's catchment matches its published drainage areas", "[flow][trace]") {
    // Routing on 1 km cells gives the drainage areas commonly published for the Lhasa River:
    // 32,471 km² for the whole basin and 26,225 km² above the Lhasa gauging station (figures
    // from descriptions of the basin; not committed data, only checked here).
    const auto s = qulongService();
    const FlowModel& m = s->model();
    const auto path = traceDownstream(m, std::int32_t(s->raster().cellAt(91.583, 29.600)));
    double atLhasa = 0, best = 1e9, mouth = 0;
    for (const std::int32_t c : path) {
        const LonLat p = s->raster().centre(std::size_t(c));
        const double acc = m.accumulationKm2[std::size_t(c)];
        if (acc > 100000.0) break;  // in the Yarlung: the cell before was the mouth
        mouth = acc;
        const double d = std::hypot(p.lon - 91.11, p.lat - 29.645);
        if (d < best) best = d, atLhasa = acc;
    }
    CHECK(mouth == Approx(32471.0).epsilon(0.05));
    CHECK(atLhasa == Approx(26225.0).epsilon(0.08));
    // Same from the catchment mask and its outline.
    const std::int32_t lhasaCell = std::int32_t(s->raster().cellAt(91.11, 29.64));
    const Catchment c = catchment(m, s->geometry(), lhasaCell);
    CHECK(c.areaKm2 == Approx(m.accumulationKm2[std::size_t(lhasaCell)]));

    // Every cell drains: receivers come earlier in flood order and are not higher, and the
    // outlets together take the whole valid area.
    const FlowRaster& r = s->raster();
    std::vector<std::int32_t> position(r.size());
    for (std::size_t k = 0; k < m.order.size(); ++k) position[std::size_t(m.order[k])] = std::int32_t(k);
    std::size_t bad = 0;
    double outletArea = 0, total = 0;
    for (std::size_t cell = 0; cell < r.size(); ++cell) {
        if (!r.isValid(cell)) continue;
        total += s->geometry().areaKm2[cell / std::size_t(r.width)];
        const std::int32_t to = m.receiver[cell];
        if (to < 0) outletArea += m.accumulationKm2[cell];
        else if (position[std::size_t(to)] >= position[cell] || m.filled[std::size_t(to)] > m.filled[cell]) ++bad;
    }
    CHECK(bad == 0);
    CHECK(outletArea == Approx(total).epsilon(1e-9));
}

TEST_CASE("trace: errors are one line naming the file or the point", "[flow][trace]") {
    const auto s = qulongService();
    const auto outside = s->trace({100.0, 29.6}, false);
    REQUIRE_FALSE(outside.ok());
    CHECK(outside.error().message ==
          (kAssets / "terrain/himalaya_srtm30.tif").string() +
              ": 100.000E 29.600N is outside the DEM (78.32..93.94E, 24.23..31.54N)");

    TraceLayerDesc missing = qulongDesc();
    missing.dem = "/nonexistent/dem.tif";
    const auto m = TraceService::open(missing);
    REQUIRE_FALSE(m.ok());
    CHECK(m.error().message == "/nonexistent/dem.tif: file not found");

    test::TempDir dir("trace");
    TraceLayerDesc badFacts = qulongDesc();
    badFacts.dem = writeDem(dir.path());
    badFacts.reaches = dir.path() / "reaches.csv";
    std::ofstream(badFacts.reaches) << "kind,name,map_name,lon,lat,country,tolerance_km,source\nreach,A,,x,1,C,1,s\n";
    const auto f = TraceService::open(badFacts);
    REQUIRE_FALSE(f.ok());
    CHECK(f.error().message == badFacts.reaches.string() + ": line 2: lon: expected a number in -180..180");
    badFacts.reaches = dir.path() / "absent.csv";
    CHECK(TraceService::open(badFacts).error().message == (dir.path() / "absent.csv").string() + ": file not found");

    // A projected raster is refused: routing wants the DEM's own lon/lat cells.
    test::TempDir dir2("trace-utm");
    const auto utm = readFlowRaster(writeDem(dir2.path(), "EPSG:32645"));
    REQUIRE_FALSE(utm.ok());
    CHECK(utm.error().message.find("needs a longitude/latitude raster") != std::string::npos);

    LayerDesc layer;
    layer.id = "water";
    layer.type = LayerType::Trace;
    layer.trace = missing;
    const auto o = openTraceOverlay(layer);
    REQUIRE_FALSE(o.ok());
    CHECK(o.error().message == "layer water: /nonexistent/dem.tif: file not found");
}

TEST_CASE("trace: DEM nodata is an outlet", "[flow][trace]") {
    test::TempDir dir("trace-nodata");
    const auto r = readFlowRaster(writeDem(dir.path()));
    REQUIRE(r.ok());
    CHECK(r->width == 8);
    CHECK(r->west == 90.0);
    CHECK(r->cellLat == Approx(0.01));
    REQUIRE(r->valid.size() == 48);
    CHECK_FALSE(r->isValid(3 * 8 + 5));
    CHECK(r->isValid(3 * 8 + 4));
    // The slope falls west; the pit beside the hole drains into the hole instead of being
    // filled to its rim and spilling west.
    const FlowGeometry g(*r);
    const auto m = routeFlow(*r, g);
    REQUIRE(m.ok());
    CHECK(m->filled[3 * 8 + 6] == 50.0f);
    CHECK(traceDownstream(*m, 3 * 8 + 6).back() == 3 * 8 + 6);  // beside the hole: ends there
    CHECK(traceDownstream(*m, 2 * 8 + 3).back() % 8 == 0);        // elsewhere: the west edge
}

TEST_CASE("trace: the layer draws the catchment polygon and the path line", "[flow][trace]") {
    LayerDesc layer;
    layer.id = "qulong";
    layer.type = LayerType::Trace;
    layer.trace = qulongDesc();
    layer.style.labelField = "label";  // as scene files default it
    const auto o = openTraceOverlay(layer);
    REQUIRE(o.ok());
    const VectorData& d = o->source->data();
    REQUIRE(d.features.size() == 2);
    CHECK(d.features[0].kind == GeometryKind::Polygon);
    CHECK(d.features[0].values[1].text.rfind("catchment ", 0) == 0);
    CHECK(d.features[1].kind == GeometryKind::Line);
    CHECK(d.features[1].parts[0].size() == o->result.report.line.size());
    CHECK(o->legend == shortTraceReport(o->result.report));
    CHECK(o->report == formatTraceReport(o->result.report));
    CHECK(o->source->labels(0).size() == 1);  // the catchment's area
}

TEST_CASE("trace: the panel's traces from picked points share the routed DEM", "[flow][trace]") {
    const auto a = sharedTraceService(qulongDesc());
    const auto b = sharedTraceService(qulongDesc());
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a->get() == b->get());
    // From Lhasa: already on the Lhasa River, with its catchment above the city.
    auto fromLhasa = traceFromAsync(qulongDesc(), {91.11, 29.64}, true, std::make_shared<std::atomic<bool>>(false));
    const auto r = fromLhasa.get();
    REQUIRE(r.ok());
    CHECK(r->report.rivers.at(0) == "Lhasa River");
    CHECK(r->report.countries.front() == "China");
    REQUIRE(r->report.catchmentKm2);
    CHECK(*r->report.catchmentKm2 > 20000.0);
    CHECK(formatTraceReport(r->report).rfind("trace from 91.110E 29.640N: ", 0) == 0);
    // Cancelled before it starts, and a point off the DEM: errors, not crashes.
    CHECK_FALSE(traceFromAsync(qulongDesc(), {91.11, 29.64}, true, std::make_shared<std::atomic<bool>>(true)).get().ok());
    const auto off = traceFromAsync(qulongDesc(), {120.0, 29.0}, false, std::make_shared<std::atomic<bool>>(false)).get();
    REQUIRE_FALSE(off.ok());
    CHECK(off.error().message.find("is outside the DEM") != std::string::npos);
}
