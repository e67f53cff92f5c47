#pragma once
// Layers over the terrain, as the scene file describes them. The terrain stays the base; layers
// are an ordered list drawn over it (first = bottom). This holds descriptions only: sources are
// opened in the io layer, drawn in the gpu layer.
//
// Types: "imagery" (draped raster: XYZ/TMS tiles over HTTP or any GDAL raster), "vector"
// (any OGR source, rasterised and draped), "deposits" (a deposit catalogue drawn as
// screen-space markers, not draped) and "mine" (terrain modifiers: core/mine_layer.h). 3D models
// add types here with
// their own sections; the common fields (id, title, visibility, opacity, legend, attribution,
// time) stay the same for all.
#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/layer_trace.h"
#include "core/deposit_style.h"
#include "core/mine_layer.h"
#include "core/model_layer.h"
#include "core/tile_id.h"

namespace plateau {

enum class LayerType { Imagery, Vector, Trace, Deposits, Mine, Model };
const char* layerTypeName(LayerType t);

// RGBA, 0..1 components, straight alpha.
using Colour = std::array<float, 4>;

struct LayerSourceDesc {
    // imagery: "http" (url template, {z}/{x}/{y}, optional {s} not supported) or "gdal" (path);
    // vector: "ogr" (path; any vector format GDAL reads).
    std::string type;
    std::filesystem::path path;  // resolved like terrain.path
    std::string url;             // http: "https://host/{z}/{x}/{y}.png"
    std::string tilejson;        // http: URL or path of a TileJSON document (zoom range, bounds,
                                 // attribution); its tiles[0] replaces url when url is empty
    bool tms = false;            // http: rows counted from the south (TMS) instead of XYZ
    int minZoom = 0;             // http: shallowest level the server has
    int maxZoom = -1;            // http: deepest level (-1: 18 for imagery)
    std::optional<LonLatBounds> bounds;  // http: where the server has data
    std::optional<double> cacheMiB, cacheDays, missingDays;  // http disk cache, as for terrain
    // imagery: one picture per date; "{time}" in url or path is replaced by each date's text, and
    // the timeline shows the latest picture at or before its date (the first before them all).
    std::vector<std::pair<std::string, double>> times;  // text as written, decimal year; ascending
    std::string layerName;       // ogr: which layer of a multi-layer source (default: the first)
    std::string where;           // ogr: attribute filter, an OGR SQL WHERE clause
    bool operator==(const LayerSourceDesc&) const = default;
};

// How a vector layer looks. Colours by category or by a numeric ramp; widths in screen pixels
// (rasterised at the tile's resolution, where a texel is about a screen pixel at the target
// screen-space error).
struct VectorStyle {
    Colour fill{0.25f, 0.55f, 0.85f, 0.45f};
    Colour stroke{0.10f, 0.30f, 0.70f, 1.0f};
    float strokeWidthPx = 1.5f;
    float pointSizePx = 6.0f;
    std::string labelField;  // points (and polygons at their centre): label text from this field
    // Categorical colours: the value of `categoryField` picks the fill (and stroke, darkened).
    std::string categoryField;
    std::vector<std::pair<std::string, Colour>> categories;
    // Numeric styling: `numberField` in [numberMin, numberMax] maps to a width and/or a colour.
    std::string numberField;
    double numberMin = 0, numberMax = 1;
    std::optional<std::pair<float, float>> widthRange;    // strokeWidthPx from .first to .second
    std::optional<std::pair<Colour, Colour>> colourRange;  // fill/stroke from .first to .second
    bool operator==(const VectorStyle&) const = default;
};

// Time settings of a layer. `field`: one date per feature. `startField`/`endField`: a span.
// `idField`: features with the same value are one object at several times; for each object the
// latest version at or before the current time is shown. `fadeYears` > 0 fades from the
// previous version to the next over that long after the change.
struct LayerTimeDesc {
    std::string field, startField, endField, idField;
    double fadeYears = 0.0;
    std::optional<double> pinned;  // the layer shows this date whatever the timeline says
    bool enabled() const { return !field.empty() || !startField.empty() || !endField.empty(); }
    bool operator==(const LayerTimeDesc&) const = default;
};

struct LayerDesc {
    std::string id;     // unique in the scene; [a-z0-9_-]
    std::string title;  // for the panel and legend
    LayerType type = LayerType::Imagery;
    LayerSourceDesc source;
    bool visible = true;
    double opacity = 1.0;  // 0..1
    VectorStyle style;     // vector layers
    std::string legend;       // e.g. "illustrative: derived from 2000s areas at 0.4 %/yr"
    std::string attribution;  // shown in the view while the layer is visible
    LayerTimeDesc time;
    TraceLayerDesc trace;  // LayerType::Trace
    DepositLayerDesc deposits;  // deposits layers (core/deposit_style.h)
    MineLayerDesc mine;    // LayerType::Mine
    ModelLayerDesc model;  // model layers
    bool operator==(const LayerDesc&) const = default;
};

}  // namespace plateau
