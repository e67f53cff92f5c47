#include "core/deposit.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "core/parse_number.h"

namespace plateau {

namespace {

std::string_view trim(std::string_view s) {
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return s;
}

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return out;
}

bool missingMarker(std::string_view t) {
    if (t.empty()) return true;
    const std::string l = lower(t);
    return l == "n.d." || l == "n.d" || l == "nd" || l == "n/a" || l == "na" || l == "-" || l == "--" ||
           l == "\xE2\x80\x93" || l == "\xE2\x80\x94";  // en and em dash
}

// Printable form of a value for messages: at most 40 bytes, on one line.
std::string quoted(std::string_view t) {
    std::string s(t.substr(0, 40));
    for (char& c : s)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return "'" + s + (t.size() > 40 ? "...'" : "'");
}

std::string fmt(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

}  // namespace

bool Deposit::hasCommodity(std::string_view symbol) const {
    const std::string l = lower(symbol);
    return std::any_of(commodities.begin(), commodities.end(), [&](const std::string& c) { return lower(c) == l; });
}

namespace {
std::optional<double> times(const std::optional<double>& a, const std::optional<double>& b, double scale) {
    if (!a || !b) return std::nullopt;
    return *a * *b * scale;
}
}  // namespace

std::optional<double> Deposit::containedCopperMt() const { return times(tonnageMt, copperPct, 0.01); }
std::optional<double> Deposit::containedMolybdenumMt() const { return times(tonnageMt, molybdenumPct, 0.01); }
std::optional<double> Deposit::containedGoldT() const { return times(tonnageMt, goldGt, 1.0); }
std::optional<double> Deposit::containedSilverT() const { return times(tonnageMt, silverGt, 1.0); }

const std::string& Deposit::attribute(std::string_view column) const {
    static const std::string none;
    for (const auto& [k, v] : attributes)
        if (k == column) return v;
    return none;
}

Result<DepositColumns> resolveDepositColumns(const DepositFields& f, const std::vector<std::string>& columns,
                                             bool hasPointGeometry) {
    const DepositFields defaults;
    std::string problem;
    const auto find = [&](const std::string& wanted, const std::string& deflt, const char* what, bool required,
                          int& out) {
        if (wanted.empty()) {
            if (required && problem.empty()) problem = std::string("no column named for ") + what;
            return;
        }
        // Exact first, then ignoring case and surrounding spaces (spreadsheets pad headers).
        for (std::size_t i = 0; i < columns.size(); ++i)
            if (columns[i] == wanted) {
                out = int(i);
                return;
            }
        for (std::size_t i = 0; i < columns.size(); ++i)
            if (lower(trim(columns[i])) == lower(trim(wanted))) {
                out = int(i);
                return;
            }
        if ((required || wanted != deflt) && problem.empty())
            problem = "no column \"" + wanted + "\" for " + what;
    };
    DepositColumns c;
    find(f.name, defaults.name, "the name", true, c.name);
    find(f.lon, defaults.lon, "longitude", !hasPointGeometry, c.lon);
    find(f.lat, defaults.lat, "latitude", !hasPointGeometry, c.lat);
    find(f.commodities, defaults.commodities, "commodities", false, c.commodities);
    find(f.tonnage, defaults.tonnage, "tonnage", false, c.tonnage);
    find(f.copper, defaults.copper, "copper grade", false, c.copper);
    find(f.molybdenum, defaults.molybdenum, "molybdenum grade", false, c.molybdenum);
    find(f.gold, defaults.gold, "gold grade", false, c.gold);
    find(f.silver, defaults.silver, "silver grade", false, c.silver);
    find(f.age, defaults.age, "age", false, c.age);
    find(f.status, defaults.status, "status", false, c.status);
    find(f.discovery, defaults.discovery, "discovery year", false, c.discovery);
    find(f.production, defaults.production, "production start", false, c.production);
    find(f.country, defaults.country, "country", false, c.country);
    if (!problem.empty()) {
        std::string list;
        for (std::size_t i = 0; i < columns.size() && i < 30; ++i) list += (i ? ", " : "") + columns[i];
        if (columns.size() > 30) list += ", ...";
        // One column holding the whole header means another separator than the reader's.
        std::string hint;
        if (columns.size() == 1 && columns[0].find(';') != std::string::npos)
            hint = "; the header has one column with ';' in it: semicolon-separated?";
        return makeError(problem + " (columns: " + (list.empty() ? "none" : list) + ")" + hint);
    }
    return c;
}

CatalogueValue parseCatalogueValue(std::string_view text) {
    const std::string_view t = trim(text);
    if (missingMarker(t)) return {CatalogueValue::Missing, 0};
    if (const auto v = parseDouble(t)) return {CatalogueValue::Number, *v};
    // parseDouble refuses a leading '+', which hand-typed files use.
    if (t.size() > 1 && t[0] == '+')
        if (const auto v = parseDouble(t.substr(1))) return {CatalogueValue::Number, *v};
    return {CatalogueValue::Invalid, 0};
}

CatalogueValue parseCatalogueYear(std::string_view text) {
    const std::string_view t = trim(text);
    CatalogueValue v = parseCatalogueValue(t);
    if (v.kind == CatalogueValue::Missing) return v;
    if (v.kind == CatalogueValue::Number)
        return v.value == std::floor(v.value) && std::abs(v.value) <= 9999 ? v : CatalogueValue{CatalogueValue::Invalid, 0};
    // Catalogues write dates as prose ("1870s; 1976", "mid-1970s", "early 20th century", "before
    // 1917"): the earliest year named is when the deposit was known. "Nth century" starts at
    // (N-1)*100; otherwise the first run of three or four digits.
    const std::string l = lower(t);
    if (const std::size_t c = l.find("century"); c != std::string::npos) {
        std::size_t e = l.find_first_of("0123456789");
        if (e < c) {
            std::size_t end = e;
            while (end < l.size() && std::isdigit(static_cast<unsigned char>(l[end]))) ++end;
            if (end - e <= 2) return {CatalogueValue::Number, (std::stod(l.substr(e, end - e)) - 1.0) * 100.0};
        }
    }
    for (std::size_t i = 0; i < l.size();) {
        if (!std::isdigit(static_cast<unsigned char>(l[i]))) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < l.size() && std::isdigit(static_cast<unsigned char>(l[end]))) ++end;
        if (end - i >= 3 && end - i <= 4) {
            const double y = std::stod(l.substr(i, end - i));
            if (y >= 100 && y <= 2100) return {CatalogueValue::Number, y};
        }
        i = end;
    }
    return {CatalogueValue::Invalid, 0};
}

Result<Deposit> depositFromRow(const DepositFields& fields, const DepositColumns& cols,
                               const std::vector<std::string>& columns, const std::vector<std::string>& values,
                               const std::optional<std::pair<double, double>>& point) {
    static const std::string empty;
    const auto text = [&](int col) -> const std::string& {
        return col >= 0 && std::size_t(col) < values.size() ? values[std::size_t(col)] : empty;
    };
    Deposit d;
    d.name = std::string(trim(text(cols.name)));
    // Catalogues pad words with double spaces ("Agua  Rica"): names are shown, so tidy them.
    d.name.erase(std::unique(d.name.begin(), d.name.end(), [](char a, char b) { return a == ' ' && b == ' '; }),
                 d.name.end());
    if (d.name.empty()) return makeError("no name");

    // Coordinates: the columns when mapped, else the geometry.
    const auto coordinate = [&](int col, const char* what, double limit, double fromGeometry,
                                double& out) -> std::optional<std::string> {
        if (col < 0) {
            if (!point) return std::string("no ") + what + " (no column and no point geometry)";
            out = fromGeometry;
        } else {
            const CatalogueValue v = parseCatalogueValue(text(col));
            if (v.kind == CatalogueValue::Missing) return std::string(what) + " is missing";
            if (v.kind == CatalogueValue::Invalid) return std::string(what) + " " + quoted(text(col)) + " is not a number";
            out = v.value;
        }
        if (!(std::abs(out) <= limit))
            return std::string(what) + " " + fmt(out) + " is outside " + fmt(-limit) + ".." + fmt(limit);
        return std::nullopt;
    };
    double lon = 0, lat = 0;
    const double gLon = point ? point->first : 0.0, gLat = point ? point->second : 0.0;
    if (auto e = coordinate(cols.lat, "latitude", 90.0, gLat, lat)) {
        // A latitude beyond 90 with a longitude that would be a fine latitude: the columns are
        // probably the wrong way round.
        std::string hint;
        double lonProbe = 0;
        if (e->find("outside") != std::string::npos && !coordinate(cols.lon, "longitude", 90.0, gLon, lonProbe))
            hint = " (longitude and latitude swapped?)";
        return makeError(*e + hint);
    }
    if (auto e = coordinate(cols.lon, "longitude", 180.0, gLon, lon)) return makeError(*e);
    d.lon = lon;
    d.lat = lat;

    // Numbers that may be missing; `zeroMissing`: a 0 means "not reported".
    std::string problem;
    const auto number = [&](int col, const char* what, bool zeroMissing, std::optional<double>& out) {
        if (col < 0 || !problem.empty()) return;
        const CatalogueValue v = parseCatalogueValue(text(col));
        if (v.kind == CatalogueValue::Invalid) {
            problem = std::string(what) + " " + quoted(text(col)) + " is not a number";
        } else if (v.kind == CatalogueValue::Number) {
            if (v.value < 0) problem = std::string(what) + " " + fmt(v.value) + " is negative";
            else if (!(zeroMissing && v.value == 0.0)) out = v.value;
        }
    };
    number(cols.tonnage, "tonnage", true, d.tonnageMt);
    number(cols.copper, "copper grade", true, d.copperPct);
    number(cols.molybdenum, "molybdenum grade", true, d.molybdenumPct);
    number(cols.gold, "gold grade", true, d.goldGt);
    number(cols.silver, "silver grade", true, d.silverGt);
    number(cols.age, "age", true, d.ageMa);
    if (!problem.empty()) return makeError(problem);
    if (d.copperPct && *d.copperPct > 100) return makeError("copper grade " + fmt(*d.copperPct) + " % is over 100");
    if (d.molybdenumPct && *d.molybdenumPct > 100)
        return makeError("molybdenum grade " + fmt(*d.molybdenumPct) + " % is over 100");

    // Dates without a year in them ("ancient times", "pre-Roman") leave the year unknown: the
    // deposit is then known at every date, which is what such text says. Kept as attributes.
    const auto year = [&](int col, std::optional<int>& out) {
        if (col < 0) return;
        const CatalogueValue v = parseCatalogueYear(text(col));
        if (v.kind == CatalogueValue::Number) out = int(v.value);
    };
    year(cols.discovery, d.discoveryYear);
    year(cols.production, d.productionYear);

    d.status = lower(trim(text(cols.status)));
    d.country = std::string(trim(text(cols.country)));

    if (cols.commodities >= 0) {
        std::string cur;
        const auto flush = [&] {
            const std::string_view t = trim(cur);
            if (!t.empty() && !d.hasCommodity(t)) d.commodities.emplace_back(t);
            cur.clear();
        };
        for (char c : text(cols.commodities)) {
            if (c == ',' || c == ';' || c == '/' || c == ' ' || c == '-') flush();
            else cur += c;
        }
        flush();
    } else {
        if (!fields.mainCommodity.empty()) d.commodities.push_back(fields.mainCommodity);
        const std::pair<const char*, const std::optional<double>*> grades[] = {
            {"Cu", &d.copperPct}, {"Mo", &d.molybdenumPct}, {"Au", &d.goldGt}, {"Ag", &d.silverGt}};
        for (const auto& [symbol, grade] : grades)
            if (grade->has_value() && !d.hasCommodity(symbol)) d.commodities.emplace_back(symbol);
    }

    d.attributes.reserve(columns.size());
    for (std::size_t i = 0; i < columns.size(); ++i)
        d.attributes.emplace_back(columns[i], i < values.size() ? values[i] : std::string());
    return d;
}

bool DepositFilter::passes(const Deposit& d) const {
    if (!commodities.empty() &&
        std::none_of(commodities.begin(), commodities.end(), [&](const std::string& c) { return d.hasCommodity(c); }))
        return false;
    if ((minTonnageMt || maxTonnageMt) && !d.tonnageMt) return false;
    if (minTonnageMt && *d.tonnageMt < *minTonnageMt) return false;
    if (maxTonnageMt && *d.tonnageMt > *maxTonnageMt) return false;
    return true;
}

DepositPhase depositPhase(const Deposit& d, double year) {
    // A year counts from its first day: a deposit found in 2000 shows at 2000.0.
    if (d.discoveryYear && year < double(*d.discoveryYear)) return DepositPhase::Hidden;
    if (d.productionYear) return year >= double(*d.productionYear) ? DepositPhase::Producing : DepositPhase::Known;
    return d.status == "producing" ? DepositPhase::Producing : DepositPhase::Known;
}

}  // namespace plateau
