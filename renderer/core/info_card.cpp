#include "core/info_card.h"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace plateau {

namespace {

std::string fmt(const char* format, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

// Thousands separated by commas: "1,517".
std::string grouped(double v, int decimals) {
    const std::string plain = fmt(decimals == 0 ? "%.0f" : (decimals == 1 ? "%.1f" : "%.2f"), std::fabs(v));
    const std::size_t dot = plain.find('.');
    std::string whole = plain.substr(0, dot), out;
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) out.push_back(',');
        out.push_back(whole[i]);
    }
    if (dot != std::string::npos) out += plain.substr(dot);
    return (v < 0 ? "-" : "") + out;
}

std::string lower(std::string s) {
    for (char& c : s) c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// The unit a field's name says its numbers are in ("area_km2" -> "km²"), or "".
std::string unitOfField(const std::string& field) {
    const std::string f = lower(field);
    const std::pair<const char*, const char*> suffixes[] = {
        {"_km2", "km²"}, {"_sqkm", "km²"}, {"_m2", "m²"}, {"_km", "km"}, {"_m", "m"}, {"_mt", "Mt"},
        {"_pct", "%"},   {"_percent", "%"}, {"_deg", "°"}};
    for (const auto& [suffix, unit] : suffixes) {
        const std::string s(suffix);
        if (f.size() > s.size() && f.compare(f.size() - s.size(), s.size(), s) == 0) return unit;
    }
    if (f == "area") return "km²";  // Natural Earth and GLIMS state areas in km²
    if (f == "elevation" || f == "elev" || f == "height" || f == "depth") return "m";
    return "";
}

}  // namespace

std::string formatLonLat(double lon, double lat) {
    return fmt("%.4f", std::fabs(lat)) + (lat >= 0 ? " N, " : " S, ") + fmt("%.4f", std::fabs(lon)) +
           (lon >= 0 ? " E" : " W");
}

std::string formatMetres(double m) { return grouped(m, 0) + " m"; }

InfoCard depositCard(const Deposit& d, const std::string& layerTitle, const std::string& source) {
    InfoCard c;
    c.title = d.name;
    c.kind = "deposit (" + layerTitle + ")";
    c.lon = d.lon;
    c.lat = d.lat;
    c.source = source;
    c.rows.emplace_back("Location", formatLonLat(d.lon, d.lat) + (d.country.empty() ? "" : ", " + d.country));
    std::string metals;
    for (const std::string& m : d.commodities) metals += (metals.empty() ? "" : ", ") + m;
    if (!metals.empty()) c.rows.emplace_back("Commodities", metals);
    if (d.tonnageMt) c.rows.emplace_back("Ore", grouped(*d.tonnageMt, *d.tonnageMt < 10 ? 1 : 0) + " Mt");
    if (d.copperPct) c.rows.emplace_back("Copper grade", fmt("%.2f", *d.copperPct) + " % Cu");
    if (d.molybdenumPct) c.rows.emplace_back("Molybdenum grade", fmt("%.3f", *d.molybdenumPct) + " % Mo");
    if (d.goldGt) c.rows.emplace_back("Gold grade", fmt("%.2f", *d.goldGt) + " g/t Au");
    if (d.silverGt) c.rows.emplace_back("Silver grade", fmt("%.2f", *d.silverGt) + " g/t Ag");
    if (const auto cu = d.containedCopperMt()) c.rows.emplace_back("Contained copper", fmt("%.2f", *cu) + " Mt Cu");
    if (d.ageMa) c.rows.emplace_back("Age", fmt("%.1f", *d.ageMa) + " Ma");
    if (d.discoveryYear) c.rows.emplace_back("Discovered", std::to_string(*d.discoveryYear));
    if (d.productionYear) c.rows.emplace_back("Production from", std::to_string(*d.productionYear));
    if (!d.status.empty()) c.rows.emplace_back("Status", d.status);
    return c;
}

InfoCard featureCard(const VectorData& data, std::size_t feature, const std::string& layerTitle,
                     const std::string& source) {
    InfoCard c;
    const VectorFeature& f = data.features.at(feature);
    c.kind = layerTitle;
    c.source = source.empty() ? data.source : source;
    for (const char* nameField : {"name", "name_en", "NAME", "Name", "glac_name", "title", "label"}) {
        const int i = data.fieldIndex(nameField);
        if (i >= 0 && std::size_t(i) < f.values.size() && !f.values[std::size_t(i)].text.empty()) {
            c.title = f.values[std::size_t(i)].text;
            break;
        }
    }
    if (c.title.empty()) c.title = layerTitle + " #" + std::to_string(f.fid);
    c.lon = 0.5 * (f.bounds.west + f.bounds.east);
    c.lat = 0.5 * (f.bounds.south + f.bounds.north);
    for (std::size_t i = 0; i < data.fields.size() && i < f.values.size(); ++i) {
        const AttributeValue& v = f.values[i];
        if (v.isNull || v.text.empty()) continue;
        std::string text = v.text;
        // Years stay as written (1990, not 1,990); other numbers are grouped, with their unit.
        if (v.number && lower(data.fields[i]).find("year") == std::string::npos) {
            const double n = *v.number;
            const bool whole = std::fabs(n - std::round(n)) < 1e-9;
            text = whole ? grouped(n, 0) : grouped(n, std::fabs(n) < 100 ? 2 : 1);
            if (const std::string unit = unitOfField(data.fields[i]); !unit.empty()) text += " " + unit;
        }
        c.rows.emplace_back(data.fields[i], text);
    }
    if (std::isfinite(f.timeStart) || std::isfinite(f.timeEnd)) {
        const auto year = [](double t) { return std::isfinite(t) ? fmt("%.0f", t) : std::string("…"); };
        c.rows.emplace_back("Shown", year(f.timeStart) + " to " + year(f.timeEnd));
    }
    return c;
}

InfoCard modifierCard(const TerrainModifier& m, const ModifierStage& state, double year, const std::string& layerTitle,
                      const std::string& source) {
    InfoCard c;
    c.title = m.label.empty() ? m.id : m.label;
    c.kind = std::string(modifierKindName(m.kind)) + " (" + layerTitle + ")";
    c.source = source;
    if (!m.outline.empty()) {
        for (const auto& [lon, lat] : m.outline) c.lon += lon, c.lat += lat;
        c.lon /= double(m.outline.size());
        c.lat /= double(m.outline.size());
    }
    const char* what = m.kind == ModifierKind::Pit ? "Depth" : (m.kind == ModifierKind::Dump ? "Height" : "Level");
    c.rows.emplace_back(what + std::string(" in ") + fmt("%.0f", std::floor(year)), formatMetres(state.value));
    if (state.benchHeight > 0)
        c.rows.emplace_back("Benches", formatMetres(state.benchHeight) + " high, " + formatMetres(state.benchWidth) + " wide");
    std::string stages;
    for (const ModifierStage& s : m.stages) stages += (stages.empty() ? "" : "; ") + fmt("%.0f", s.year) + ": " + formatMetres(s.value);
    if (!stages.empty()) c.rows.emplace_back("Stages", stages);
    if (m.schematic) c.rows.emplace_back("Note", "schematic: shape and depths are illustrative");
    return c;
}

InfoCard groundCard(double lon, double lat, double elevation_m, const std::string& terrainSource) {
    InfoCard c;
    c.title = formatLonLat(lon, lat);
    c.kind = "ground";
    c.lon = lon;
    c.lat = lat;
    c.elevation_m = elevation_m;
    c.source = terrainSource;
    c.rows.emplace_back("Elevation", formatMetres(elevation_m));
    return c;
}

}  // namespace plateau
