#include "core/river_facts.h"

#include <array>

#include "core/parse_number.h"

namespace plateau {

namespace {

constexpr std::array<const char*, 8> kColumns = {"kind", "name", "map_name", "lon", "lat",
                                                  "country", "tolerance_km", "source"};
enum Col { Kind, Name, MapName, Lon, Lat, Country, Tolerance, Source };

// One CSV record starting at `pos` (RFC 4180: quoted fields may hold commas, quotes doubled and
// line breaks). Advances `pos` past the record's line break and counts the lines it spans.
// Returns false for an unterminated quote.
bool readRecord(const std::string& t, std::size_t& pos, std::vector<std::string>& fields, int& lines) {
    fields.assign(1, {});
    bool quoted = false;
    while (pos < t.size()) {
        const char c = t[pos++];
        if (quoted) {
            if (c == '"') {
                if (pos < t.size() && t[pos] == '"') fields.back() += '"', ++pos;
                else quoted = false;
            } else {
                if (c == '\n') ++lines;
                fields.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else if (c == '\n') {
            ++lines;
            break;
        } else if (c != '\r') {
            fields.back() += c;
        }
    }
    return !quoted;
}

std::string trim(const std::string& s) {
    const std::size_t a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t");
    return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

}  // namespace

const RiverFacts::River* RiverFacts::byMapName(const std::string& mapName) const {
    for (const River& r : rivers)
        if (r.mapName == mapName) return &r;
    return nullptr;
}

Result<RiverFacts> parseRiverFacts(const std::string& text, const std::string& file) {
    RiverFacts out;
    std::size_t pos = 0;
    int line = 1;
    bool header = true;
    std::vector<std::string> f;
    while (pos < text.size()) {
        const int at = line;
        if (!readRecord(text, pos, f, line))
            return makeError(file + ": line " + std::to_string(at) + ": unterminated quoted field");
        const auto fail = [&](const std::string& what) {
            // Quoted fields may hold line breaks; the message quotes them and must stay one line.
            std::string m = file + ": line " + std::to_string(at) + ": " + what;
            for (char& ch : m)
                if (ch == '\n' || ch == '\r') ch = ' ';
            return makeError(std::move(m));
        };
        for (std::string& s : f) s = trim(s);
        if (f.size() == 1 && f[0].empty()) continue;
        if (f.size() != kColumns.size())
            return fail("expected " + std::to_string(kColumns.size()) + " columns, got " + std::to_string(f.size()));
        if (header) {
            for (std::size_t k = 0; k < kColumns.size(); ++k)
                if (f[k] != kColumns[k])
                    return fail("column " + std::to_string(k + 1) + " must be named \"" + kColumns[k] + "\"");
            header = false;
            continue;
        }
        const auto number = [&](Col c, double lo, double hi) -> std::optional<double> {
            const auto v = parseDouble(f[std::size_t(c)]);
            if (v && *v >= lo && *v <= hi) return v;
            return std::nullopt;
        };
        const auto required = [&](Col c) { return !f[std::size_t(c)].empty(); };
        if (!required(Name)) return fail("name: must not be empty");
        if (!required(Country)) return fail("country: must not be empty");
        if (!required(Source)) return fail("source: must not be empty (cite where the fact comes from)");
        const std::string& kind = f[Kind];
        if (kind == "river") {
            if (!required(MapName)) return fail("map_name: must not be empty for a river");
            if (required(Lon) || required(Lat) || required(Tolerance))
                return fail("lon, lat, tolerance_km: must be empty for a river");
            out.rivers.push_back({f[Name], f[MapName], f[Country], f[Source]});
            continue;
        }
        if (kind != "reach" && kind != "border")
            return fail("kind: unknown \"" + kind + "\" (expected river, reach or border)");
        const auto lon = number(Lon, -180.0, 180.0), lat = number(Lat, -90.0, 90.0);
        const auto tol = number(Tolerance, 0.0, 100.0);
        if (!lon) return fail("lon: expected a number in -180..180");
        if (!lat) return fail("lat: expected a number in -90..90");
        if (!tol || *tol <= 0.0) return fail("tolerance_km: expected a number in (0, 100]");
        if (kind == "border") {
            if (!required(MapName)) return fail("map_name: must name the river that crosses");
            out.borders.push_back({f[MapName], f[Country], f[Source], {*lon, *lat}, *tol});
            continue;
        }
        RiverFacts::Reach* reach = nullptr;
        for (RiverFacts::Reach& r : out.reaches)
            if (r.name == f[Name]) reach = &r;
        if (!reach) {
            out.reaches.push_back({f[Name], f[Country], f[Source], {}, *tol});
            reach = &out.reaches.back();
        }
        reach->points.push_back({*lon, *lat});
    }
    if (header) return makeError(file + ": empty (expected a header row: kind,name,map_name,...)");
    return out;
}

}  // namespace plateau
