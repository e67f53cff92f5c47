#include "io/ogr_reader.h"
#include "io/gdal_common.h"

#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "core/timeline.h"

namespace plateau {
namespace fs = std::filesystem;
namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

// A sibling with the given extension in either case (Shapefile parts are often upper case).
bool hasSibling(const fs::path& file, const char* ext) {
    fs::path a = file, b = file;
    a.replace_extension(ext);
    std::string up = ext;
    std::transform(up.begin(), up.end(), up.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    b.replace_extension(up);
    std::error_code ec;
    return fs::exists(a, ec) || fs::exists(b, ec);
}

std::optional<double> numberIn(const std::string& s) {
    if (s.empty()) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (end == s.c_str() || *end != '\0' || !std::isfinite(v)) return std::nullopt;
    return v;
}

// Geometry walker: flattens multi-geometries and collections, keeps x/y only.
struct Parts {
    std::vector<std::vector<LonLat>> points, lines, polygons;
    std::size_t vertices = 0;
    bool bad = false;  // a non-finite coordinate (failed transform of one vertex)

    std::vector<LonLat> take(const OGRSimpleCurve& c) {
        std::vector<LonLat> v;
        v.reserve(std::size_t(c.getNumPoints()));
        for (int i = 0; i < c.getNumPoints(); ++i) {
            const double x = c.getX(i), y = c.getY(i);
            if (!std::isfinite(x) || !std::isfinite(y)) {
                bad = true;
                continue;
            }
            v.push_back({x, y});
        }
        vertices += v.size();
        return v;
    }

    void walk(const OGRGeometry* g) {
        if (!g || g->IsEmpty()) return;
        switch (wkbFlatten(g->getGeometryType())) {
            case wkbPoint: {
                const auto* p = g->toPoint();
                if (std::isfinite(p->getX()) && std::isfinite(p->getY())) {
                    points.push_back({{p->getX(), p->getY()}});
                    ++vertices;
                }
                break;
            }
            case wkbLineString:
            case wkbLinearRing: {
                auto v = take(*g->toSimpleCurve());
                if (!v.empty()) lines.push_back(std::move(v));
                break;
            }
            case wkbPolygon:
            case wkbTriangle: {
                const auto* poly = dynamic_cast<const OGRPolygon*>(g);
                if (!poly) break;
                for (const auto* ring : *poly) {
                    auto v = take(*ring);
                    if (v.size() >= 3) polygons.push_back(std::move(v));
                }
                break;
            }
            case wkbMultiPoint:
            case wkbMultiLineString:
            case wkbMultiPolygon:
            case wkbGeometryCollection: {
                const auto* c = g->toGeometryCollection();
                for (int i = 0; i < c->getNumGeometries(); ++i) walk(c->getGeometryRef(i));
                break;
            }
            case wkbPolyhedralSurface:
            case wkbTIN: {
                const auto* s = dynamic_cast<const OGRPolyhedralSurface*>(g);
                if (s)
                    for (int i = 0; i < s->getNumGeometries(); ++i) walk(s->getGeometryRef(i));
                break;
            }
            default:
                break;
        }
    }
};

struct TimeColumns {
    int start = -1, end = -1, id = -1;
};

Result<std::optional<double>> readDate(OGRFeature& f, int field) {
    if (!f.IsFieldSetAndNotNull(field)) return std::optional<double>{};
    const OGRFieldType type = f.GetFieldDefnRef(field)->GetType();
    if (type == OFTDate || type == OFTDateTime) {
        int y = 0, m = 0, d = 0, hh = 0, mm = 0, tz = 0;
        float ss = 0;
        f.GetFieldAsDateTime(field, &y, &m, &d, &hh, &mm, &ss, &tz);
        char text[32];
        std::snprintf(text, sizeof text, "%04d-%02d-%02d", y, std::max(m, 1), std::max(d, 1));
        auto r = parseDate(text);
        if (!r) return r.error();
        return std::optional<double>{*r};
    }
    if (type == OFTInteger || type == OFTInteger64 || type == OFTReal) {
        const double v = f.GetFieldAsDouble(field);
        if (!std::isfinite(v)) return makeError("not a finite year");
        return std::optional<double>{v};
    }
    auto r = parseDate(f.GetFieldAsString(field));
    if (!r) return r.error();
    return std::optional<double>{*r};
}

}  // namespace

Result<VectorData> readVectorLayer(const LayerSourceDesc& src, const LayerTimeDesc& time, std::size_t maxVertices) {
    maxVertices = std::min(maxVertices, kMaxVectorVertices);
    gdal::registerDrivers();
    gdal::QuietErrors quiet;
    const std::string name = src.path.string();
    const auto fail = [&](const std::string& what) { return makeError(name + ": " + what); };
    const bool virtualFile = name.rfind("/vsi", 0) == 0;
    std::error_code ec;
    if (!virtualFile && !fs::exists(src.path, ec)) return fail("no such file");

    // GDAL opens a .shp without its .dbf (silently, with no attributes) and, with some
    // settings, rebuilds a missing .shx: both hide a broken copy, so ask for them here.
    if (!virtualFile && lower(src.path.extension().string()) == ".shp") {
        if (!hasSibling(src.path, ".shx")) return fail("Shapefile without its .shx index file");
        if (!hasSibling(src.path, ".dbf")) return fail("Shapefile without its .dbf attribute file");
    }

    GDALDatasetUniquePtr ds(GDALDataset::Open(name.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds) return fail(gdal::lastError("not a vector file OGR can read"));
    if (ds->GetLayerCount() == 0) return fail("no vector layers");
    OGRLayer* layer = nullptr;
    if (src.layerName.empty()) {
        layer = ds->GetLayer(0);
    } else {
        layer = ds->GetLayerByName(src.layerName.c_str());
        if (!layer) {
            std::string names;
            for (int i = 0; i < ds->GetLayerCount(); ++i) names += (i ? ", " : "") + std::string(ds->GetLayer(i)->GetName());
            return fail("no layer \"" + src.layerName + "\" (layers: " + names + ")");
        }
    }
    const std::string layerName = layer->GetName();

    if (!src.where.empty()) {
        CPLErrorReset();
        if (layer->SetAttributeFilter(src.where.c_str()) != OGRERR_NONE)
            return fail("bad WHERE \"" + src.where + "\": " + gdal::lastError("OGR rejected it"));
        // Some drivers (GeoPackage) hand the clause to their database only when reading starts.
        layer->ResetReading();
        CPLErrorReset();
        OGRFeatureUniquePtr probe(layer->GetNextFeature());
        if (!probe && CPLGetLastErrorType() >= CE_Failure)
            return fail("bad WHERE \"" + src.where + "\": " + gdal::lastError("OGR rejected it"));
    }

    // CRS: whatever the layer declares, transformed to WGS84 longitude/latitude.
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> transform;
    const OGRSpatialReference* declared = layer->GetSpatialRef();
    if (declared) {
        std::unique_ptr<OGRSpatialReference> srs(declared->Clone());
        srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
        if (!(srs->IsGeographic() && srs->IsSame(&wgs84))) {
            CPLErrorReset();
            transform.reset(OGRCreateCoordinateTransformation(srs.get(), &wgs84));
            if (!transform) return fail("cannot transform its CRS to WGS84: " + gdal::lastError("unsupported CRS"));
        }
    } else {
        // No CRS. A Shapefile whose .prj is there but unreadable, or any other declaration OGR
        // could not parse, must not be drawn as if it were longitude/latitude.
        fs::path prj = src.path;
        prj.replace_extension(".prj");
        if (!virtualFile && lower(src.path.extension().string()) == ".shp" && hasSibling(src.path, ".prj"))
            return fail("unreadable CRS in " + prj.filename().string());
        OGREnvelope env;
        if (layer->GetExtent(&env, TRUE) == OGRERR_NONE &&
            (env.MinX < -180.0001 || env.MaxX > 360.0001 || env.MinY < -90.0001 || env.MaxY > 90.0001))
            return fail("no CRS, and coordinates outside longitude/latitude ranges");
    }

    VectorData out;
    out.source = src.path.filename().string();
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) out.fields.push_back(defn->GetFieldDefn(i)->GetNameRef());
    TimeColumns cols;
    const auto column = [&](const std::string& field, int& col) -> Status {
        if (field.empty()) return Ok{};
        col = defn->GetFieldIndex(field.c_str());
        if (col < 0) return fail("no field \"" + field + "\" in layer " + layerName);
        return Ok{};
    };
    if (!time.field.empty()) {
        if (auto s = column(time.field, cols.start); !s) return s.error();
    } else {
        if (auto s = column(time.startField, cols.start); !s) return s.error();
        if (auto s = column(time.endField, cols.end); !s) return s.error();
    }
    // Object ids only mean something with time: without it, versions of one object would all
    // start at the dawn of time and only the last would show.
    if (time.enabled())
        if (auto s = column(time.idField, cols.id); !s) return s.error();

    layer->ResetReading();
    bool first = true;
    for (;;) {
        CPLErrorReset();
        OGRFeatureUniquePtr feat(layer->GetNextFeature());
        if (!feat) {
            if (CPLGetLastErrorType() >= CE_Failure) return fail(gdal::lastError("read error"));
            break;
        }
        OGRGeometry* geom = feat->GetGeometryRef();
        if (!geom || geom->IsEmpty()) continue;
        std::unique_ptr<OGRGeometry> linear;
        if (geom->hasCurveGeometry()) {
            linear.reset(geom->getLinearGeometry());
            if (!linear) continue;
            geom = linear.get();
        }
        const std::string fidText = "feature " + std::to_string(feat->GetFID());
        if (transform && geom->transform(transform.get()) != OGRERR_NONE)
            return fail(fidText + ": cannot transform to WGS84");

        Parts parts;
        parts.walk(geom);
        VectorFeature vf;
        vf.fid = feat->GetFID();
        if (!parts.polygons.empty()) {
            vf.kind = GeometryKind::Polygon;
            vf.parts = std::move(parts.polygons);
        } else if (!parts.lines.empty()) {
            vf.kind = GeometryKind::Line;
            vf.parts = std::move(parts.lines);
        } else if (!parts.points.empty()) {
            vf.kind = GeometryKind::Point;
            vf.parts = std::move(parts.points);
        } else {
            continue;
        }
        bool firstVertex = true;
        for (const auto& part : vf.parts)
            for (const auto& p : part) {
                if (firstVertex) {
                    vf.bounds = {p.lon, p.lat, p.lon, p.lat};
                    firstVertex = false;
                }
                vf.bounds.west = std::min(vf.bounds.west, p.lon);
                vf.bounds.east = std::max(vf.bounds.east, p.lon);
                vf.bounds.south = std::min(vf.bounds.south, p.lat);
                vf.bounds.north = std::max(vf.bounds.north, p.lat);
                ++out.vertexCount;
            }
        if (out.vertexCount > maxVertices)
            return fail("more than " + std::to_string(maxVertices) +
                        " vertices (the limit for one layer): filter it with a WHERE clause or split it");

        vf.values.resize(out.fields.size());
        for (int i = 0; i < defn->GetFieldCount(); ++i) {
            AttributeValue& v = vf.values[std::size_t(i)];
            if (!feat->IsFieldSetAndNotNull(i)) {
                v.isNull = true;
                continue;
            }
            v.text = feat->GetFieldAsString(i);
            const OGRFieldType type = defn->GetFieldDefn(i)->GetType();
            if (type == OFTInteger || type == OFTInteger64 || type == OFTReal)
                v.number = feat->GetFieldAsDouble(i);
            else if (type == OFTString)
                v.number = numberIn(v.text);
        }
        const auto date = [&](int col, double& into) -> Status {
            if (col < 0) return Ok{};
            auto d = readDate(*feat, col);
            if (!d) return fail(fidText + ": field " + defn->GetFieldDefn(col)->GetNameRef() + ": " + d.error().message);
            if (d->has_value()) into = **d;
            return Ok{};
        };
        if (auto s = date(cols.start, vf.timeStart); !s) return s.error();
        if (auto s = date(cols.end, vf.timeEnd); !s) return s.error();
        if (cols.id >= 0 && feat->IsFieldSetAndNotNull(cols.id)) vf.objectId = feat->GetFieldAsString(cols.id);

        if (first) {
            out.bounds = vf.bounds;
            first = false;
        } else {
            out.bounds.west = std::min(out.bounds.west, vf.bounds.west);
            out.bounds.east = std::max(out.bounds.east, vf.bounds.east);
            out.bounds.south = std::min(out.bounds.south, vf.bounds.south);
            out.bounds.north = std::max(out.bounds.north, vf.bounds.north);
        }
        out.features.push_back(std::move(vf));
    }
    return out;
}

}  // namespace plateau
