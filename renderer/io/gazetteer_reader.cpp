#include "io/gazetteer_reader.h"

#include <cpl_error.h>
#include <cpl_vsi.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <array>
#include <atomic>
#include <cmath>

#include "core/input_limits.h"
#include "core/parse_number.h"
#include "io/gdal_common.h"

namespace plateau {

namespace {

constexpr std::array<const char*, 7> kColumns = {"name", "other_names", "kind", "lon", "lat", "view_height_m", "source"};
enum Col { Name, Other, Kind, Lon, Lat, ViewHeight, Source };

std::string trimmed(std::string s) {
    if (s.rfind("\xEF\xBB\xBF", 0) == 0) s.erase(0, 3);
    const std::size_t a = s.find_first_not_of(" \t\r\n"), b = s.find_last_not_of(" \t\r\n");
    return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

// A value quoted in a one-line message: line breaks become spaces, long values are cut.
std::string shownValue(const std::string& v) {
    std::string s = v.substr(0, 40);
    for (char& c : s)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return "'" + s + (v.size() > 40 ? "...'" : "'");
}

}  // namespace

Result<std::vector<Place>> readGazetteer(const std::filesystem::path& file) {
    gdal::registerDrivers();
    gdal::QuietErrors quiet;
    const std::string path = file.string();
    const std::string shortName = file.filename().string();
    const auto fail = [&](const std::string& what) {
        std::string m = shortName + ": " + what;
        for (char& c : m)
            if (c == '\n' || c == '\r') c = ' ';
        return makeError(m);
    };

    VSIStatBufL st;
    if (VSIStatL(path.c_str(), &st) != 0) return fail("no such file");
    if (VSI_ISREG(st.st_mode) && st.st_size == 0) return fail("empty file");
    if (VSI_ISREG(st.st_mode) && std::uint64_t(st.st_size) > kMaxTableBytes)
        return tooLargeError(shortName, std::uint64_t(st.st_size), kMaxTableBytes, "gazetteer");
    // The CSV driver only: any other format is not a gazetteer. Values as text, the first line
    // is the header, no geometry guessed from the lon/lat names.
    const char* drivers[] = {"CSV", nullptr};
    const char* options[] = {"AUTODETECT_TYPE=NO", "HEADERS=YES", "EMPTY_STRING_AS_NULL=NO", nullptr};
    GDALDatasetUniquePtr ds(GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, drivers, options));
    if (!ds) return fail(gdal::lastError("not a CSV table"));
    if (ds->GetLayerCount() != 1) return fail("not a CSV table");
    OGRLayer* layer = ds->GetLayer(0);
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    if (defn->GetFieldCount() != int(kColumns.size()))
        return fail("expected " + std::to_string(kColumns.size()) + " columns (name, other_names, kind, lon, lat, view_height_m, source), got " +
                    std::to_string(defn->GetFieldCount()));
    for (std::size_t k = 0; k < kColumns.size(); ++k)
        if (trimmed(defn->GetFieldDefn(int(k))->GetNameRef()) != kColumns[k])
            return fail("column " + std::to_string(k + 1) + " must be named \"" + kColumns[k] + "\"");

    std::vector<Place> out;
    const auto rows = gdal::forEachFeature(*layer, [&](OGRFeature& f, std::size_t row) -> std::string {
        std::array<std::string, kColumns.size()> v;
        for (std::size_t k = 0; k < kColumns.size(); ++k)
            v[k] = f.IsFieldSetAndNotNull(int(k)) ? trimmed(f.GetFieldAsString(int(k))) : std::string();
        const std::string at = "row " + std::to_string(row) + ": ";
        for (Col c : {Name, Kind, Lon, Lat, Source})
            if (v[c].empty()) return at + kColumns[c] + ": must not be empty";
        const auto number = [&](Col c, double lo, double hi) -> Result<double> {
            const auto x = parseDouble(v[c]);
            if (!x) return makeError(at + kColumns[c] + ": " + shownValue(v[c]) + " is not a number");
            if (*x < lo || *x > hi)
                return makeError(at + kColumns[c] + ": " + shownValue(v[c]) + " is outside " + (lo == -180 ? "-180..180" : "-90..90"));
            return *x;
        };
        auto lon = number(Lon, -180.0, 180.0), lat = number(Lat, -90.0, 90.0);
        if (!lon) return lon.error().message;
        if (!lat) return lat.error().message;
        Place p;
        p.name = v[Name];
        p.kind = v[Kind];
        p.lon = *lon;
        p.lat = *lat;
        p.citation = v[Source];
        p.sourceLayer = "gazetteer";
        if (!v[ViewHeight].empty()) {
            const auto h = parseDouble(v[ViewHeight]);
            if (!h || !(*h > 0.0 && *h <= 1.0e7))
                return at + "view_height_m: " + shownValue(v[ViewHeight]) + " is not a height in (0, 10000000] metres";
            p.viewHeightM = *h;
        }
        std::size_t start = 0;
        while (start <= v[Other].size() && !v[Other].empty()) {
            const std::size_t end = std::min(v[Other].find('|', start), v[Other].size());
            std::string name = trimmed(v[Other].substr(start, end - start));
            if (!name.empty()) p.otherNames.push_back(std::move(name));
            start = end + 1;
        }
        out.push_back(std::move(p));
        return {};
    });
    if (!rows) return fail(rows.error().message);
    if (out.empty()) return fail("no places (only a header)");
    return out;
}

Result<std::vector<Place>> readGazetteerFromMemory(const std::string& bytes, const std::string& name) {
    gdal::registerDrivers();
    const gdal::MemoryFile file(bytes, "gazetteer", name);
    if (!file.ok()) return makeError(name + ": cannot open in memory");
    const std::string& path = file.path();
    auto r = readGazetteer(path);
    if (!r) {
        // Name the caller's file, not the virtual one.
        const std::string shortName = std::filesystem::path(path).filename().string();
        std::string msg = r.error().message;
        if (msg.rfind(shortName, 0) == 0) msg = name + msg.substr(shortName.size());
        return makeError(msg);
    }
    return r;
}

}  // namespace plateau
