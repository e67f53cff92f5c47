#include "assets/deposit_assets.h"

#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "io/deposit_reader.h"

namespace plateau::assets {

namespace fs = std::filesystem;

namespace {

struct Fact {
    std::string discovery, production, status, source;
    bool used = false;
};

// Names compare without case and runs of spaces ("Agua  Rica" = "agua rica").
std::string key(const std::string& name) {
    std::string out;
    for (char c : name) {
        const char l = char(std::tolower(static_cast<unsigned char>(c)));
        if (l == ' ' && (out.empty() || out.back() == ' ')) continue;
        out += l;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

Result<std::map<std::string, Fact>> readFacts(const fs::path& file) {
    const std::string name = file.string();
    if (!fs::is_regular_file(file)) return makeError(name + ": file not found");
    const char* options[] = {"AUTODETECT_TYPE=NO", nullptr};
    GDALDatasetH ds = GDALOpenEx(name.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, options, nullptr);
    if (!ds) return makeError(name + ": not a CSV file GDAL can read");
    OGRLayerH layer = GDALDatasetGetLayer(ds, 0);
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    const char* columns[] = {"name", "discovery_year", "production_start", "status", "source"};
    int col[5];
    for (int i = 0; i < 5; ++i) {
        col[i] = OGR_FD_GetFieldIndex(defn, columns[i]);
        if (col[i] < 0) {
            GDALClose(ds);
            return makeError(name + ": no column \"" + columns[i] + "\"");
        }
    }
    std::map<std::string, Fact> facts;
    int row = 0;
    std::string problem;
    OGR_L_ResetReading(layer);
    while (OGRFeatureH f = OGR_L_GetNextFeature(layer)) {
        ++row;
        const auto text = [&](int i) { return std::string(OGR_F_GetFieldAsString(f, col[i])); };
        Fact fact{text(1), text(2), text(3), text(4), false};
        const std::string k = key(text(0));
        OGR_F_Destroy(f);
        if (problem.empty()) {
            if (k.empty()) problem = "row " + std::to_string(row) + ": no name";
            else if (fact.source.empty()) problem = "row " + std::to_string(row) + ": no source for " + k;
            else if (!facts.emplace(k, fact).second) problem = "row " + std::to_string(row) + ": " + k + " twice";
        }
    }
    GDALClose(ds);
    if (!problem.empty()) return makeError(name + ": " + problem);
    return facts;
}

std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string q(1, '"');
    for (char c : s) {
        q.push_back(c);
        if (c == '"') q.push_back('"');
    }
    q.push_back('"');
    return q;
}

}  // namespace

Status buildDeposits(const fs::path& dataDir, const fs::path& factsFile, const fs::path& outDir) {
    const fs::path src = dataDir / "deposits/PorCuEX2008_singer_berger_moring.csv";
    auto usgs = readDeposits(src, DepositFields{});
    if (!usgs) return makeError(usgs.error().message);
    auto facts = readFacts(factsFile);
    if (!facts) return facts.error();

    std::vector<const Deposit*> rows;
    for (const Deposit& d : usgs->deposits)
        if (d.lon >= kDepositWest && d.lon <= kDepositEast && d.lat >= kDepositSouth && d.lat <= kDepositNorth)
            rows.push_back(&d);
    std::stable_sort(rows.begin(), rows.end(), [](const Deposit* a, const Deposit* b) { return a->name < b->name; });

    std::string out = "name,country,lat,lon,age_ma,tonnage_mt,cu_pct,mo_pct,au_gt,ag_gt,discovery_year,"
                      "production_start,status,usgs_id,source\n";
    const std::string usgsSource = "USGS OFR 2008-1155 (Singer, Berger & Moring 2008)";
    for (const Deposit* d : rows) {
        // The USGS text as written where the value is reported; empty where it is not.
        const auto reported = [&](const std::optional<double>& v, const char* column) {
            return v ? d->attribute(column) : std::string();
        };
        const auto year = [](const std::optional<int>& y) { return y ? std::to_string(*y) : std::string(); };
        std::string discovery = year(d->discoveryYear), production = year(d->productionYear), status, source = usgsSource;
        if (auto it = facts->find(key(d->name)); it != facts->end()) {
            Fact& f = it->second;
            f.used = true;
            if (!f.discovery.empty()) discovery = f.discovery;
            if (!f.production.empty()) production = f.production;
            status = f.status;
            source += "; " + f.source;
        }
        const std::vector<std::string> fields = {
            d->name, d->country, d->attribute("LatitudeDecimal"), d->attribute("LongitudeDecimal"),
            reported(d->ageMa, "AgeMY"), reported(d->tonnageMt, "Tonnage"), reported(d->copperPct, "Copper grade"),
            reported(d->molybdenumPct, "Molybdenum grade"), reported(d->goldGt, "Gold grade"),
            reported(d->silverGt, "Silver grade"), discovery, production, status, d->attribute("DepositID"), source};
        for (std::size_t i = 0; i < fields.size(); ++i) {
            if (i) out.push_back(',');
            out.append(csvField(fields[i]));
        }
        out.push_back('\n');
    }
    for (const auto& [k, f] : *facts)
        if (!f.used) return makeError(factsFile.string() + ": \"" + k + "\" is not a USGS deposit of High Asia");

    const fs::path file = outDir / kDepositAsset;
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    std::ofstream o(file, std::ios::binary | std::ios::trunc);
    o << out;
    if (!o.good()) return makeError(file.string() + ": cannot write");
    return Ok{};
}

}  // namespace plateau::assets
