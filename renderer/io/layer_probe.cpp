#include "io/layer_probe.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <string>

#include <gdal.h>
#include <ogr_api.h>

#include <nlohmann/json.hpp>

#include "core/deposit.h"
#include "core/input_limits.h"
#include "io/gdal_common.h"

namespace plateau {

namespace {

namespace fs = std::filesystem;

// A .gltf dropped on the view is parsed whole to see that it is one; a model with its buffers
// inline as base64 can be hundreds of MB, the model reader's own limit is 1 GiB.
constexpr std::uintmax_t kMaxGltfProbeBytes = std::uintmax_t(256) << 20;

std::string lowerAscii(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return s;
}

std::string readHead(const fs::path& file, std::size_t n) {
    std::ifstream in(file, std::ios::binary);
    std::string s(n, '\0');
    in.read(s.data(), std::streamsize(n));
    s.resize(std::size_t(in.gcount()));
    return s;
}

// "text starting "...."" or "N bytes of binary data": what the user gets told was there.
std::string describeContent(const fs::path& file, std::uintmax_t size) {
    if (size == 0) return "an empty file";
    const std::string head = readHead(file, 48);
    const bool text = std::all_of(head.begin(), head.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u >= 0x20 || c == '\n' || c == '\r' || c == '\t';
    });
    if (!text) return std::to_string(size) + " bytes of binary data";
    std::string shown = head.substr(0, 32);
    std::replace_if(shown.begin(), shown.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
    return "text starting \"" + shown + (head.size() > 32 ? "...\"" : "\"");
}

LayerDesc baseLayer(const fs::path& file, LayerType type, const std::vector<LayerDesc>& existing) {
    LayerDesc l;
    l.id = layerIdFor(file, existing);
    l.title = file.stem().string();
    l.type = type;
    l.legend = file.filename().string();
    return l;
}

Result<LayerDesc> modelLayer(const fs::path& file, const std::string& ext, std::uintmax_t size, const LonLat& at,
                             const std::vector<LayerDesc>& existing) {
    const std::string name = file.string();
    if (ext == ".glb") {
        if (readHead(file, 4) != "glTF") return makeError(name + ": not a GLB model (found " + describeContent(file, size) + ")");
    } else {
        // A .gltf is JSON with an "asset" object; the reader checks the rest when the layer loads.
        if (size > kMaxGltfProbeBytes) return tooLargeError(name, size, kMaxGltfProbeBytes, ".gltf file");
        const std::string text = readHead(file, std::size_t(size));
        if (auto deep = jsonTooDeep(text, name)) return *deep;
        const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
        if (j.is_discarded() || !j.is_object() || !j.contains("asset"))
            return makeError(name + ": not a glTF model (no JSON object with \"asset\"; found " + describeContent(file, size) +
                             ")");
    }
    LayerDesc l = baseLayer(file, LayerType::Model, existing);
    l.model.path = file;
    l.model.label = l.title;
    l.model.placement.lon_deg = at.lon;
    l.model.placement.lat_deg = at.lat;
    l.model.placement.depth_m = 0.0;  // on the surface at the view centre; the panel moves it
    return l;
}

// The deposit columns a table has: for each field the USGS database's name or the shipped
// catalogue's (assets/deposits), whichever is there; "" where neither is.
std::optional<DepositFields> depositColumns(const std::vector<std::string>& columns, bool hasPoints) {
    auto pick = [&](std::initializer_list<const char*> names) -> std::string {
        for (const char* n : names)
            if (std::find(columns.begin(), columns.end(), n) != columns.end()) return n;
        return {};
    };
    DepositFields f;
    f.name = pick({"NameDeposit", "name"});
    f.lon = pick({"LongitudeDecimal", "lon"});
    f.lat = pick({"LatitudeDecimal", "lat"});
    f.tonnage = pick({"Tonnage", "tonnage_mt"});
    f.copper = pick({"Copper grade", "cu_pct"});
    f.molybdenum = pick({"Molybdenum grade", "mo_pct"});
    f.gold = pick({"Gold grade", "au_gt"});
    f.silver = pick({"Silver grade", "ag_gt"});
    f.age = pick({"AgeMY", "age_ma"});
    f.status = pick({"status"});
    f.discovery = pick({"DiscoveryDate", "discovery_year"});
    f.production = pick({"StartupDate", "production_start"});
    f.country = pick({"Country", "country"});
    const bool located = (!f.lon.empty() && !f.lat.empty()) || hasPoints;
    const bool measured = !f.tonnage.empty() || !f.copper.empty() || !f.molybdenum.empty() || !f.gold.empty();
    if (f.name.empty() || !located || !measured) return std::nullopt;
    if (f.lon.empty() != f.lat.empty()) f.lon = f.lat = "";
    if (!resolveDepositColumns(f, columns, hasPoints)) return std::nullopt;
    return f;
}

// The vector answer, or nullopt when OGR does not take the file as vector data.
std::optional<Result<LayerDesc>> vectorLayer(const fs::path& file, const std::vector<LayerDesc>& existing) {
    const std::string name = file.string();
    gdal::Dataset ds(GDALOpenEx(name.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (!ds || GDALDatasetGetLayerCount(ds.get()) < 1) return std::nullopt;
    OGRLayerH layer = GDALDatasetGetLayer(ds.get(), 0);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    std::vector<std::string> columns;
    for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i) columns.emplace_back(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)));
    const OGRwkbGeometryType geom = wkbFlatten(OGR_L_GetGeomType(layer));
    const bool hasGeometry = OGR_FD_GetGeomFieldCount(defn) > 0 && geom != wkbNone;
    const bool hasPoints = hasGeometry && (geom == wkbPoint || geom == wkbMultiPoint);
    const GIntBig features = OGR_L_GetFeatureCount(layer, TRUE);
    const std::string rasterDriver = GDALGetDriverShortName(GDALGetDatasetDriver(ds.get()));
    ds.reset();

    auto list = [&] {
        std::string s;
        for (std::size_t i = 0; i < columns.size() && i < 8; ++i) s += (i ? ", " : "") + columns[i];
        if (columns.size() > 8) s += ", ...";
        return s.empty() ? std::string("none") : s;
    };
    if (features == 0) return makeError(name + ": " + rasterDriver + " data with no features");
    if (const auto fields = depositColumns(columns, hasPoints)) {
        LayerDesc l = baseLayer(file, LayerType::Deposits, existing);
        l.source.type = "ogr";
        l.source.path = file;
        l.deposits.fields = *fields;
        return l;
    }
    if (!hasGeometry) return makeError(name + ": a table without coordinates (columns: " + list() + ")");
    LayerDesc l = baseLayer(file, LayerType::Vector, existing);
    l.source.type = "ogr";
    l.source.path = file;
    if (std::find(columns.begin(), columns.end(), "name") != columns.end()) l.style.labelField = "name";
    return l;
}

}  // namespace

std::string layerIdFor(const fs::path& file, const std::vector<LayerDesc>& existing) {
    std::string id;
    for (const char c : lowerAscii(file.stem().string())) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        if (ok) id += c;
        else if (!id.empty() && id.back() != '_') id += '_';
    }
    while (!id.empty() && id.back() == '_') id.pop_back();
    if (id.empty()) id = "layer";
    id.resize(std::min<std::size_t>(id.size(), 56));  // room for "-NNN" within the 64 allowed
    auto taken = [&](const std::string& s) {
        return std::any_of(existing.begin(), existing.end(), [&](const LayerDesc& l) { return l.id == s; });
    };
    if (!taken(id)) return id;
    for (int n = 2;; ++n)
        if (const std::string candidate = id + "-" + std::to_string(n); !taken(candidate)) return candidate;
}

Result<LayerDesc> layerFromFile(const fs::path& file, const LonLat& viewCentre, const std::vector<LayerDesc>& existing) {
    const std::string name = file.string();
    std::error_code ec;
    const fs::file_status st = fs::status(file, ec);
    if (ec || !fs::exists(st)) return makeError(name + ": file not found");
    if (fs::is_directory(st)) return makeError(name + ": is a folder, not a file");
    const std::uintmax_t size = fs::file_size(file, ec);
    if (ec) return makeError(name + ": " + ec.message());
    const std::string ext = lowerAscii(file.extension().string());

    if (ext == ".gltf" || ext == ".glb") return modelLayer(file, ext, size, viewCentre, existing);
    if (ext == ".json" && size <= kMaxSceneFileBytes) {
        const std::string text = readHead(file, std::size_t(size));
        const nlohmann::json j =
            jsonTooDeep(text, name) ? nlohmann::json() : nlohmann::json::parse(text, nullptr, false);
        if (!j.is_discarded() && j.is_object() && j.contains("terrain"))
            return makeError(name + ": a plateau scene, not a layer (open it with Open scene)");
    }
    if (size == 0) return makeError(name + ": an empty file");

    gdal::registerDrivers();
    const gdal::QuietErrors quiet;
    if (auto vector = vectorLayer(file, existing)) return std::move(*vector);
    gdal::Dataset raster(GDALOpenEx(name.c_str(), GDAL_OF_RASTER | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
    if (raster && GDALGetRasterCount(raster.get()) > 0) {
        std::array<double, 6> gt{};
        const bool placed = GDALGetGeoTransform(raster.get(), gt.data()) == CE_None || GDALGetGCPCount(raster.get()) > 0;
        if (!placed)
            return makeError(name + ": a " + GDALGetDriverShortName(GDALGetDatasetDriver(raster.get())) + " image of " +
                             std::to_string(GDALGetRasterXSize(raster.get())) + " x " +
                             std::to_string(GDALGetRasterYSize(raster.get())) +
                             " pixels without georeferencing (no place on the globe)");
        LayerDesc l = baseLayer(file, LayerType::Imagery, existing);
        l.source.type = "gdal";
        l.source.path = file;
        return l;
    }
    return makeError(name + ": not a layer GDAL, OGR or glTF can read (found " + describeContent(file, size) + ")");
}

}  // namespace plateau
