#include "io/trace_overlay.h"

#include <algorithm>

namespace plateau {

namespace {

void grow(LonLatBounds& b, const LonLat& p) {
    b.west = std::min(b.west, p.lon);
    b.east = std::max(b.east, p.lon);
    b.south = std::min(b.south, p.lat);
    b.north = std::max(b.north, p.lat);
}

AttributeValue text(const std::string& s) {
    AttributeValue v;
    v.text = s;
    v.isNull = s.empty();
    return v;
}

}  // namespace

VectorData traceFeatures(const TraceResult& result, const std::string& source) {
    VectorData d;
    d.source = source;
    d.fields = {"kind", "label"};
    d.bounds = {1e9, 1e9, -1e9, -1e9};
    const auto add = [&](GeometryKind kind, std::vector<std::vector<LonLat>> parts, const std::string& k,
                         const std::string& label) {
        VectorFeature f;
        f.fid = std::int64_t(d.features.size());
        f.kind = kind;
        f.bounds = {1e9, 1e9, -1e9, -1e9};
        for (const auto& part : parts)
            for (const LonLat& p : part) grow(f.bounds, p);
        for (const auto& part : parts) d.vertexCount += part.size();
        f.parts = std::move(parts);
        f.values = {text(k), text(label)};
        grow(d.bounds, {f.bounds.west, f.bounds.south});
        grow(d.bounds, {f.bounds.east, f.bounds.north});
        d.features.push_back(std::move(f));
    };
    if (!result.catchmentRings.empty() && result.report.catchmentKm2)
        add(GeometryKind::Polygon, result.catchmentRings, "catchment",
            "catchment " + formatThousands(*result.report.catchmentKm2) + " km\u00b2");
    if (result.report.line.size() >= 2) add(GeometryKind::Line, {result.report.line}, "trace", "");
    return d;
}

Result<TraceOverlay> openTraceOverlay(const LayerDesc& layer, const std::atomic<bool>* cancel) {
    if (layer.type != LayerType::Trace) return makeError("layer " + layer.id + ": not a trace layer");
    auto service = sharedTraceService(layer.trace, cancel);
    if (!service) return makeError("layer " + layer.id + ": " + service.error().message);
    auto result = (*service)->trace(layer.trace.from, layer.trace.catchment, cancel);
    if (!result) return makeError("layer " + layer.id + ": " + result.error().message);
    TraceOverlay out;
    out.service = *service;
    out.result = std::move(*result);
    out.report = formatTraceReport(out.result.report);
    out.legend = layer.legend.empty() ? shortTraceReport(out.result.report) : layer.legend;
    // The features have two fields, "kind" and "label" (the scene's default label field).
    VectorStyle style = layer.style;
    out.source = std::make_shared<VectorOverlaySource>(traceFeatures(out.result, "trace " + layer.id), style,
                                                       LayerTimeDesc{}, layer.attribution);
    return out;
}

}  // namespace plateau
