#include "assets/glacier_change.h"

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <system_error>

namespace plateau::assets {

namespace {

namespace fs = std::filesystem;

struct GeomDeleter {
    void operator()(OGRGeometry* g) const { OGRGeometryFactory::destroyGeometry(g); }
};
using GeomPtr = std::unique_ptr<OGRGeometry, GeomDeleter>;

double area(const OGRGeometry* g) {
    if (!g || g->IsEmpty()) return 0.0;
    const auto t = wkbFlatten(g->getGeometryType());
    // A multipolygon is a collection, not an OGRSurface: toSurface() on it is an invalid downcast.
    if (t == wkbPolygon) return g->toPolygon()->get_Area();
    if (t == wkbMultiPolygon || t == wkbGeometryCollection) return g->toGeometryCollection()->get_Area();
    return 0.0;
}

// Few segments per quarter circle: the buffers are inward, where arcs only appear at concave
// corners, and the results are illustrative.
GeomPtr inward(const OGRGeometry& g, double metres) { return GeomPtr(g.Buffer(-metres, 4)); }

constexpr double kSimplifyMetres = 250.0;      // the input outlines
constexpr double kSimplifyArcsMetres = 150.0;  // the buffers' arcs: fine enough to keep areas within 1 %

// Buffers add vertices along every arc; the outline is generalised again (as the input was, see
// buildGlacierChange) before its area is measured, so the target holds for what is written.
GeomPtr inwardSimplified(const OGRGeometry& g, double metres) {
    GeomPtr b = inward(g, metres);
    if (!b || b->IsEmpty()) return b;
    GeomPtr simple(b->SimplifyPreserveTopology(kSimplifyArcsMetres));
    return (simple && !simple->IsEmpty()) ? std::move(simple) : std::move(b);
}

// The inward buffer of `g` (area a0, metres) whose area is `target`, by bisection on the distance.
GeomPtr shrinkTo(const OGRGeometry& g, double a0, double target, double relTol) {
    if (target >= a0) return GeomPtr(g.clone());
    if (target <= 0.0) return nullptr;
    double lo = 0.0, hi = std::sqrt(a0);  // no polygon survives an inward buffer of sqrt(area)
    // Simplification makes the area step slightly as the distance grows: keep the closest.
    GeomPtr best;
    double bestErr = 0.0;
    for (int it = 0; it < 40; ++it) {
        const double mid = 0.5 * (lo + hi);
        GeomPtr b = inwardSimplified(g, mid);
        const double a = area(b.get());
        if (a > target) lo = mid; else hi = mid;
        const double err = std::fabs(a - target);
        if (err <= relTol * target) return b;
        if (a > 0.0 && (!best || err < bestErr)) {
            best = std::move(b);
            bestErr = err;
        }
    }
    return best;
}

std::string lastError() {
    const char* m = CPLGetLastErrorMsg();
    return (m && *m) ? m : "unknown GDAL error";
}

}  // namespace

double areaFraction(int year) { return std::max(0.0, 1.0 - kAreaLossPerYear * double(year - kReferenceYear)); }

Status buildGlacierChange(const GlacierChangeOptions& o) {
    GDALAllRegister();
    if (!fs::is_regular_file(o.input)) return makeError(o.input.string() + ": file not found");
    std::unique_ptr<GDALDataset> in(
        GDALDataset::Open(o.input.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!in || in->GetLayerCount() < 1) return makeError(o.input.string() + ": no vector layer (" + lastError() + ")");
    OGRLayer* src = in->GetLayer(0);

    std::error_code ec;
    fs::create_directories(o.output.parent_path(), ec);
    fs::remove(o.output, ec);
    GDALDriver* drv = GetGDALDriverManager()->GetDriverByName("GeoJSON");
    if (!drv) return makeError(o.output.string() + ": GDAL has no GeoJSON driver");
    std::unique_ptr<GDALDataset> out(drv->Create(o.output.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!out) return makeError(o.output.string() + ": cannot create (" + lastError() + ")");

    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    const char* lco[] = {"RFC7946=YES", "COORDINATE_PRECISION=4", "WRITE_NAME=NO", nullptr};
    OGRLayer* dst = out->CreateLayer("glacier_change", &wgs84, wkbMultiPolygon, const_cast<char**>(lco));
    if (!dst) return makeError(o.output.string() + ": cannot create layer (" + lastError() + ")");
    OGRFieldDefn idField("glacier_id", OFTInteger), yearField("year", OFTInteger);
    dst->CreateField(&idField);
    dst->CreateField(&yearField);

    int id = 0;
    src->ResetReading();
    for (auto& f : *src) {
        ++id;
        const OGRGeometry* g = f->GetGeometryRef();
        if (!g || g->IsEmpty()) continue;
        OGREnvelope env;
        g->getEnvelope(&env);
        // Equal-area frame centred on the polygon: areas and buffer distances in metres.
        OGRSpatialReference laea;
        laea.SetLAEA(0.5 * (env.MinY + env.MaxY), 0.5 * (env.MinX + env.MaxX), 0.0, 0.0);
        laea.SetWellKnownGeogCS("WGS84");
        laea.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        std::unique_ptr<OGRCoordinateTransformation> fwd(OGRCreateCoordinateTransformation(&wgs84, &laea));
        std::unique_ptr<OGRCoordinateTransformation> back(OGRCreateCoordinateTransformation(&laea, &wgs84));
        if (!fwd || !back) return makeError(o.input.string() + ": feature " + std::to_string(id) + ": no projection");
        GeomPtr local(g->clone());
        if (local->transform(fwd.get()) != OGRERR_NONE)
            return makeError(o.input.string() + ": feature " + std::to_string(id) + ": cannot project");
        // Generalised to 250 m (a quarter of the DEM's pixel): six decades of outlines then weigh
        // about as much as the one real outline, and the layer is illustrative anyway.
        if (GeomPtr simple(local->SimplifyPreserveTopology(kSimplifyMetres)); simple && !simple->IsEmpty())
            local = std::move(simple);
        // Rounded and simplified outlines can self-intersect; a zero buffer repairs them, so the
        // reference area is that of the polygon the inward buffers start from.
        if (GeomPtr valid(local->Buffer(0.0)); valid && !valid->IsEmpty()) local = std::move(valid);
        const double a0 = area(local.get());
        if (a0 <= 0.0) continue;
        for (int year : o.years) {
            GeomPtr s = shrinkTo(*local, a0, a0 * areaFraction(year), o.relativeTolerance);
            if (!s || s->IsEmpty()) continue;  // melted away by this year
            if (s->transform(back.get()) != OGRERR_NONE) continue;
            GeomPtr multi(OGRGeometryFactory::forceToMultiPolygon(s.release()));
            OGRFeature feat(dst->GetLayerDefn());
            feat.SetField("glacier_id", id);
            feat.SetField("year", year);
            feat.SetGeometry(multi.get());
            if (dst->CreateFeature(&feat) != OGRERR_NONE)
                return makeError(o.output.string() + ": cannot write feature (" + lastError() + ")");
        }
    }
    return Ok{};
}

}  // namespace plateau::assets
