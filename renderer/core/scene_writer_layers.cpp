// One layer -> JSON, the inverse of scene_layers.cpp, scene_deposits.cpp, scene_mines.cpp,
// scene_models.cpp and scene_trace.cpp. Styles, filters and column names are written where they
// differ from what the reader starts from (see scene_writer.h why).
#include "core/scene_reader.h"
#include "core/scene_writer.h"
#include "core/scene_writer_detail.h"

namespace plateau::writer_detail {

namespace {

ojson pairJson(double a, double b) { return ojson::array({a, b}); }

ojson sourceJson(const LayerDesc& l, const std::filesystem::path& target) {
    const LayerSourceDesc& s = l.source;
    ojson j;
    j["type"] = s.type;
    if (s.type == "http") {
        if (!s.url.empty()) j["url"] = s.url;
        if (!s.tilejson.empty()) {
            const bool url = s.tilejson.rfind("http://", 0) == 0 || s.tilejson.rfind("https://", 0) == 0;
            j["tilejson"] = url ? s.tilejson : scenePathText(s.tilejson, target);
        }
        if (s.tms) j["tms"] = true;
        if (s.minZoom != 0) j["min_zoom"] = s.minZoom;
        if (s.maxZoom >= 0) j["max_zoom"] = s.maxZoom;
        if (s.bounds) j["bounds"] = boundsJson(*s.bounds);
        if (s.cacheMiB) j["cache_mib"] = *s.cacheMiB;
        if (s.cacheDays) j["cache_days"] = *s.cacheDays;
        if (s.missingDays) j["missing_days"] = *s.missingDays;
    } else {
        j["path"] = scenePathText(s.path, target);
    }
    if (s.type == "ogr") {
        if (!s.layerName.empty()) j["layer"] = s.layerName;
        if (!s.where.empty()) j["where"] = s.where;
    }
    if (!s.times.empty()) {
        // The text as written: "{time}" in the url or path is replaced by it.
        ojson t = ojson::array();
        for (const auto& [text, year] : s.times) {
            // A date given as a number keeps its text only as long as that text reads as a date
            // again ("2020.5" does, "1e-05" does not): then the number is written.
            const Result<double> back = parseDate(text);
            if (back.ok() && *back == year) t.push_back(text);
            else t.push_back(year);
        }
        j["times"] = t;
    }
    return j;
}

ojson vectorStyleJson(const VectorStyle& s, const VectorStyle& d) {
    ojson j = ojson::object();
    if (s.fill != d.fill) j["fill"] = colourText(s.fill);
    if (s.stroke != d.stroke) j["stroke"] = colourText(s.stroke);
    if (s.strokeWidthPx != d.strokeWidthPx) j["stroke_width"] = floatJson(s.strokeWidthPx);
    if (s.pointSizePx != d.pointSizePx) j["point_size"] = floatJson(s.pointSizePx);
    if (s.labelField != d.labelField) j["label"] = s.labelField;
    if (!s.categoryField.empty()) {
        ojson cols = ojson::object();
        for (const auto& [value, colour] : s.categories) cols[value] = colourText(colour);
        j["category"] = ojson{{"field", s.categoryField}, {"colours", cols}};
    }
    if (!s.numberField.empty()) {
        ojson n{{"field", s.numberField}, {"min", s.numberMin}, {"max", s.numberMax}};
        if (s.widthRange) n["width"] = ojson::array({floatJson(s.widthRange->first), floatJson(s.widthRange->second)});
        if (s.colourRange)
            n["colour"] = ojson::array({colourText(s.colourRange->first), colourText(s.colourRange->second)});
        j["number"] = n;
    }
    return j;
}

ojson timeJson(const LayerTimeDesc& t) {
    ojson j = ojson::object();
    if (!t.field.empty()) j["field"] = t.field;
    if (!t.startField.empty()) j["start_field"] = t.startField;
    if (!t.endField.empty()) j["end_field"] = t.endField;
    if (!t.idField.empty()) j["id_field"] = t.idField;
    if (t.fadeYears != 0.0) j["fade_years"] = t.fadeYears;
    if (t.pinned) j["pinned"] = dateJson(*t.pinned);
    return j;
}

ojson depositFieldsJson(const DepositFields& f) {
    const DepositFields d;
    ojson j = ojson::object();
    const std::pair<const char*, const std::string DepositFields::*> members[] = {
        {"name", &DepositFields::name},           {"lon", &DepositFields::lon},
        {"lat", &DepositFields::lat},             {"commodities", &DepositFields::commodities},
        {"main_commodity", &DepositFields::mainCommodity}, {"tonnage", &DepositFields::tonnage},
        {"copper", &DepositFields::copper},       {"molybdenum", &DepositFields::molybdenum},
        {"gold", &DepositFields::gold},           {"silver", &DepositFields::silver},
        {"age", &DepositFields::age},             {"status", &DepositFields::status},
        {"discovery", &DepositFields::discovery}, {"production", &DepositFields::production},
        {"country", &DepositFields::country}};
    for (const auto& [key, member] : members)
        if (f.*member != d.*member) j[key] = f.*member;
    return j;
}

ojson depositStyleJson(const DepositStyle& s) {
    const DepositStyle d;
    ojson j = ojson::object();
    if (s.sizeBy != d.sizeBy || s.sizePx != d.sizePx || s.sizeDomain) {
        ojson size{{"by", s.sizeBy == DepositStyle::SizeBy::Tonnage ? "tonnage" : "contained_cu"},
                   {"range_px", ojson::array({floatJson(s.sizePx.first), floatJson(s.sizePx.second)})}};
        if (s.sizeDomain) size["domain"] = pairJson(s.sizeDomain->first, s.sizeDomain->second);
        j["size"] = size;
    }
    if (s.colourBy == DepositStyle::ColourBy::Commodity) {
        if (s.commodityColours != d.commodityColours) {
            ojson cols = ojson::array();
            for (const auto& [symbol, colour] : s.commodityColours) cols.push_back(ojson::array({symbol, colourText(colour)}));
            j["colour"] = ojson{{"by", "commodity"}, {"colours", cols}};
        }
    } else {
        ojson c{{"by", "grade"}};
        if (s.gradeMetal != d.gradeMetal) c["metal"] = s.gradeMetal;
        if (s.gradeRange != d.gradeRange) c["range"] = pairJson(s.gradeRange.first, s.gradeRange.second);
        if (s.gradeColours != d.gradeColours)
            c["ramp"] = ojson::array({colourText(s.gradeColours.first), colourText(s.gradeColours.second)});
        j["colour"] = c;
    }
    if (s.missingColour != d.missingColour) j["missing_colour"] = colourText(s.missingColour);
    return j;
}

ojson depositFilterJson(const DepositFilter& f) {
    ojson j = ojson::object();
    if (!f.commodities.empty()) j["commodities"] = f.commodities;
    if (f.minTonnageMt) j["min_tonnage"] = *f.minTonnageMt;
    if (f.maxTonnageMt) j["max_tonnage"] = *f.maxTonnageMt;
    return j;
}

ojson mineFeatureJson(const TerrainModifier& m) {
    const char* valueKey = m.kind == ModifierKind::Pit ? "depth_m" : m.kind == ModifierKind::Dump ? "height_m" : "level_m";
    ojson stages = ojson::array();
    for (const ModifierStage& st : m.stages) {
        ojson s{{"year", dateJson(st.year)}, {valueKey, st.value}};
        if (m.kind == ModifierKind::Pit) {
            s["bench_height_m"] = st.benchHeight;
            s["bench_width_m"] = st.benchWidth;
        }
        stages.push_back(s);
    }
    ojson ring = ojson::array();
    for (const auto& [lon, lat] : m.outline) ring.push_back(ojson::array({lon, lat}));
    if (!m.outline.empty()) ring.push_back(ojson::array({m.outline.front().first, m.outline.front().second}));
    return ojson{{"type", "Feature"},
                 {"properties", ojson{{"kind", modifierKindName(m.kind)},
                                      {"id", m.id},
                                      {"label", m.label},
                                      {"base_m", m.baseM},
                                      {"face_angle_deg", m.faceAngleDeg},
                                      {"side_angle_deg", m.sideAngleDeg},
                                      {"interpolate", !m.step},
                                      {"schematic", m.schematic},
                                      {"stages", stages}}},
                 {"geometry", ojson{{"type", "Polygon"}, {"coordinates", ojson::array({ring})}}}};
}

ojson modelJson(const ModelLayerDesc& m, const std::filesystem::path& target) {
    const ModelPlacement& p = m.placement;
    ojson j{{"path", scenePathText(m.path, target)}, {"lon", p.lon_deg}, {"lat", p.lat_deg}};
    if (p.depth_m)
        j["depth"] = *p.depth_m;
    else
        j["elevation"] = p.elevation_m;
    j["heading"] = p.heading_deg;
    j["pitch"] = p.pitch_deg;
    j["roll"] = p.roll_deg;
    j["scale"] = p.scale;
    if (!m.label.empty()) j["label"] = m.label;
    return j;
}

void traceMembers(const LayerDesc& l, const Scene& scene, const std::filesystem::path& target, ojson& j) {
    const TraceLayerDesc& t = l.trace;
    j["from"] = ojson::array({t.from.lon, t.from.lat});
    j["catchment"] = t.catchment;
    // A DEM that is the terrain raster is left to follow the terrain, as it was read.
    const bool demIsTerrain = scene.terrain.type == "gdal" && t.dem == scene.terrain.path;
    if (!t.dem.empty() && !demIsTerrain) j["dem"] = scenePathText(t.dem, target);
    if (!t.rivers.empty()) j["rivers"] = scenePathText(t.rivers, target);
    if (!t.reaches.empty()) j["reaches"] = scenePathText(t.reaches, target);
    j["join_km"] = t.joinToleranceKm;
}

}  // namespace

ojson layerJson(const LayerDesc& l, const Scene& scene, const std::filesystem::path& target) {
    ojson j;
    j["id"] = l.id;
    j["title"] = l.title;
    j["type"] = layerTypeName(l.type);
    switch (l.type) {
    case LayerType::Model: j["model"] = modelJson(l.model, target); break;
    case LayerType::Trace: traceMembers(l, scene, target, j); break;
    case LayerType::Mine:
        if (!l.source.path.empty()) j["source"] = ojson{{"type", "geojson"}, {"path", scenePathText(l.source.path, target)}};
        if (!l.mine.features.empty()) {
            ojson f = ojson::array();
            for (const TerrainModifier& m : l.mine.features) f.push_back(mineFeatureJson(m));
            j["features"] = f;
        }
        break;
    default: j["source"] = sourceJson(l, target); break;
    }
    j["visible"] = l.visible;
    j["opacity"] = l.opacity;
    if (l.type == LayerType::Vector || l.type == LayerType::Trace) {
        const VectorStyle defaults = l.type == LayerType::Trace ? scene_detail::traceStyleDefaults() : VectorStyle{};
        if (ojson st = vectorStyleJson(l.style, defaults); !st.empty()) j["style"] = st;
    }
    if (l.type == LayerType::Vector && l.time.enabled()) j["time"] = timeJson(l.time);
    if (l.type == LayerType::Deposits) {
        if (ojson f = depositFieldsJson(l.deposits.fields); !f.empty()) j["fields"] = f;
        if (ojson st = depositStyleJson(l.deposits.style); !st.empty()) j["style"] = st;
        if (ojson f = depositFilterJson(l.deposits.filter); !f.empty()) j["filter"] = f;
        if (l.deposits.style.labelField != DepositStyle{}.labelField) j["label"] = l.deposits.style.labelField;
    }
    if (!l.legend.empty()) j["legend"] = l.legend;
    if (!l.attribution.empty()) j["attribution"] = l.attribution;
    return j;
}

}  // namespace plateau::writer_detail
