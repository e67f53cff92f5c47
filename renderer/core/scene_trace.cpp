// A "trace" layer in the scene file's "layers" array (called from scene_layers.cpp; the common
// layer fields are documented in scene.cpp):
//
//   { "id": "qulong_water",                      as for every layer
//     "type": "trace",
//     "from": [91.583, 29.6],                    required: [lon, lat] degrees, inside the DEM
//     "catchment": true,                         also draw the area draining to "from"
//     "dem": "terrain/himalaya_srtm30.tif",      a lon/lat raster; default: the scene's terrain
//                                                when that is a "gdal" raster (else required)
//     "rivers": "vectors/rivers.geojson",        mapped river lines with a "name" attribute, to
//                                                name the rivers and follow them past the DEM
//     "reaches": "rivers/reaches.csv",           typed river facts (core/river_facts.h): names,
//                                                reaches the map lacks, borders
//     "join_km": 3,                              how near a river the path must come to join it
//                                                (0.1..50)
//     "style": { "stroke": "#ff3b30",            the path's colour and width (pixels); "fill" is
//                "stroke_width": 3,              the catchment's; "label" defaults to "label", the
//                "fill": "#ff3b3040" },          catchment's area ("" for no label)
//     "legend": "..." }                          default: the trace's short report once computed
//
// Paths resolve like terrain.path. Errors name the field, as everywhere in the scene file.
#include "core/scene_reader.h"

namespace plateau::scene_detail {

bool isTraceLayer(const json& layer) {
    const json* t = Reader::member(layer, "type");
    return t && t->is_string() && t->get<std::string>() == "trace";
}

VectorStyle traceStyleDefaults() {
    // Before "style" is read: the path stands out over the blue rivers, the catchment is a light
    // wash of the same red.
    VectorStyle s;
    s.stroke = {1.0f, 0.23f, 0.19f, 1.0f};
    s.fill = {1.0f, 0.23f, 0.19f, 0.25f};
    s.strokeWidthPx = 3.0f;
    s.labelField = "label";  // the catchment's area (io/trace_overlay.h)
    return s;
}

void parseTraceLayer(const Reader& rd, const json& l, const std::string& path, const std::filesystem::path& file,
                     LayerDesc& layer) {
    (void)file;
    layer.style = traceStyleDefaults();
    TraceLayerDesc& out = layer.trace;
    const std::string fromField = Reader::join(path, "from");
    const json* from = Reader::member(l, "from");
    if (!from) rd.fail(fromField, "missing (where the water starts, [lon, lat])");
    if (!from->is_array() || from->size() != 2 || !(*from)[0].is_number() || !(*from)[1].is_number())
        rd.fail(fromField, "expected [lon, lat] in degrees");
    out.from = {(*from)[0].get<double>(), (*from)[1].get<double>()};
    if (!(out.from.lon >= -180.0 && out.from.lon <= 180.0 && out.from.lat >= -90.0 && out.from.lat <= 90.0))
        rd.fail(fromField, "longitude must be in -180..180 and latitude in -90..90");
    rd.boolean(l, path, "catchment", out.catchment);
    if (Reader::member(l, "dem")) out.dem = rd.pathMember(l, path, "dem", "the elevation raster");
    if (Reader::member(l, "rivers")) out.rivers = rd.pathMember(l, path, "rivers", "the river lines");
    if (Reader::member(l, "reaches")) out.reaches = rd.pathMember(l, path, "reaches", "the river facts");
    rd.number(l, path, "join_km", out.joinToleranceKm, 0.1, 50.0);
}

void finishTraceLayers(const Reader& rd, const std::string& terrainType, const std::filesystem::path& terrainPath,
                       std::vector<LayerDesc>& layers) {
    for (std::size_t i = 0; i < layers.size(); ++i) {
        LayerDesc& l = layers[i];
        if (l.type != LayerType::Trace || !l.trace.dem.empty()) continue;
        if (terrainType != "gdal")
            rd.fail("layers[" + std::to_string(i) + "].dem",
                    "missing (the terrain is not a \"gdal\" raster, so name the DEM to route water on)");
        l.trace.dem = terrainPath;
    }
}

}  // namespace plateau::scene_detail
