#include "io/deposit_reader.h"
#include "io/gdal_common.h"
#include "core/input_limits.h"

#include <cpl_error.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogr_geometry.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <atomic>
#include <memory>
#include <optional>
#include <utility>

namespace plateau {

namespace {

// Column names as users wrote them: without a byte order mark (in case a driver keeps it) and
// surrounding spaces, which spreadsheets add.
std::string cleanColumn(std::string s) {
    if (s.rfind("\xEF\xBB\xBF", 0) == 0) s.erase(0, 3);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.pop_back();
    while (!s.empty() && s.front() == ' ') s.erase(0, 1);
    return s;
}

}  // namespace

Result<DepositCatalogue> readDeposits(const std::filesystem::path& path, const DepositFields& fields,
                                      const std::string& layerName) {
    gdal::registerDrivers();
    gdal::QuietErrors quiet;
    const std::string name = path.string();
    const std::string shortName = path.filename().string();
    const auto fail = [&](const std::string& what) { return makeError(name + ": " + what); };

    VSIStatBufL st;
    if (VSIStatL(name.c_str(), &st) != 0) return fail("no such file");
    if (VSI_ISREG(st.st_mode) && st.st_size == 0) return fail("empty file");
    if (VSI_ISREG(st.st_mode) && std::uint64_t(st.st_size) > kMaxTableBytes)
        return tooLargeError(name, std::uint64_t(st.st_size), kMaxTableBytes, "deposit table");

    // Plain CSV options: every value as text, no geometry guessed from column names (the lon/lat
    // mapping decides), and header detection left on.
    const char* csvOptions[] = {"AUTODETECT_TYPE=NO", "KEEP_SOURCE_COLUMNS=YES", nullptr};
    GDALDatasetUniquePtr ds(GDALDataset::Open(name.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, csvOptions));
    if (!ds) return fail(gdal::lastError("not a table OGR can read"));
    if (ds->GetLayerCount() == 0) return fail("no table in it");
    OGRLayer* layer = layerName.empty() ? ds->GetLayer(0) : ds->GetLayerByName(layerName.c_str());
    if (!layer) return fail("no layer \"" + layerName + "\"");

    DepositCatalogue out;
    out.source = shortName;
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    for (int i = 0; i < defn->GetFieldCount(); ++i) out.columns.push_back(cleanColumn(defn->GetFieldDefn(i)->GetNameRef()));
    const bool hasGeometry = defn->GetGeomFieldCount() > 0 && wkbFlatten(layer->GetGeomType()) != wkbNone;
    auto cols = resolveDepositColumns(fields, out.columns, hasGeometry);
    if (!cols) return fail(cols.error().message);

    // Point geometry in WGS84 longitude/latitude, whatever the source's CRS.
    std::unique_ptr<OGRCoordinateTransformation> transform;
    if (hasGeometry && (cols->lon < 0 || cols->lat < 0)) {
        if (const OGRSpatialReference* declared = layer->GetSpatialRef()) {
            OGRSpatialReference wgs84;
            wgs84.SetWellKnownGeogCS("WGS84");
            wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
            std::unique_ptr<OGRSpatialReference> srs(declared->Clone());
            srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
            if (!(srs->IsGeographic() && srs->IsSame(&wgs84))) {
                transform.reset(OGRCreateCoordinateTransformation(srs.get(), &wgs84));
                if (!transform) return fail("cannot transform its CRS to WGS84: " + gdal::lastError("unsupported CRS"));
            }
        }
    }

    std::string firstProblem;
    std::vector<std::string> values(out.columns.size());
    const auto rows = gdal::forEachFeature(*layer, [&](OGRFeature& f, std::size_t row) -> std::string {
        for (int i = 0; i < defn->GetFieldCount(); ++i)
            values[std::size_t(i)] = f.IsFieldSetAndNotNull(i) ? f.GetFieldAsString(i) : "";
        std::optional<std::pair<double, double>> point;
        if (const OGRGeometry* g = f.GetGeometryRef(); g && !g->IsEmpty()) {
            std::unique_ptr<OGRGeometry> owned(g->clone());
            if (!transform || owned->transform(transform.get()) == OGRERR_NONE) {
                OGRPoint centre;
                if (wkbFlatten(owned->getGeometryType()) == wkbPoint) centre = *owned->toPoint();
                else owned->Centroid(&centre);  // a polygon outline of a deposit: its centre
                point = std::make_pair(centre.getX(), centre.getY());
            }
        }
        auto d = depositFromRow(fields, *cols, out.columns, values, point);
        if (!d) {  // a bad row is skipped with a warning; the good ones still load
            const std::string where = "row " + std::to_string(row) + ": " + d.error().message;
            if (firstProblem.empty()) firstProblem = where;
            ++out.skippedRows;
            if (out.warnings.size() < kMaxDepositWarnings) out.warnings.push_back(shortName + ": " + where);
            return {};
        }
        d->row = row;
        out.deposits.push_back(std::move(*d));
        return {};
    });
    if (!rows) return fail(rows.error().message);
    const std::size_t row = *rows;
    if (row == 0) return fail("no rows (only a header, or no data)");
    if (out.deposits.empty()) return fail("no row could be read; first problem: " + firstProblem);
    return out;
}

Result<DepositCatalogue> readDepositsFromMemory(const std::string& bytes, const std::string& name,
                                                const DepositFields& fields) {
    gdal::registerDrivers();
    const gdal::MemoryFile file(bytes, "deposits", name);
    if (!file.ok()) return makeError(name + ": cannot open in memory");
    const std::string& path = file.path();
    auto r = readDeposits(path, fields);
    if (!r) {
        // Name the caller's file, not the virtual one.
        std::string msg = r.error().message;
        if (msg.rfind(path, 0) == 0) msg = name + msg.substr(path.size());
        return makeError(msg);
    }
    r->source = std::filesystem::path(name).filename().string();
    return r;
}

}  // namespace plateau
