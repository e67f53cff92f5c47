// Model layers of a scene file: one glTF body placed on the globe. Fields of the layer's "model"
// section (the layer's id, title, visible, opacity, legend and attribution are as for every layer;
// "source", "style" and "time" are not used):
//
//   { "id": "qulong-body", "type": "model", "title": "Qulong ore body",
//     "model": {
//       "path": "bodies/qulong.glb",      required: .gltf or .glb, resolved like terrain.path
//       "lon": 91.583, "lat": 29.6,       required: degrees, -180..180 and -90..90, where the
//                                         model's origin (glTF 0,0,0) goes
//       "depth": 300,                     metres of the origin below the displayed surface, 0..20000;
//       "elevation": 4200,                or metres of the origin above the terrain's datum,
//                                         -12000..100000: exactly one of the two
//       "heading": 0,                     degrees clockwise from north, -360..360
//       "pitch": 0,                       degrees, -90..90: > 0 raises the front (glTF -Z) end
//       "roll": 0,                        degrees, -180..180: > 0 lowers the right (glTF +X) side
//       "scale": 1,                       > 0 (up to 10^6), uniform
//       "label": "Qulong (schematic)" },  shown with the body
//     "legend": "schematic: volume from tonnage", "opacity": 1 }
//
// Vertical exaggeration applies to bodies as to the terrain (see core/model_placement.h): a body
// under the ground stays under the same ground at any exaggeration.
#include <algorithm>
#include <cctype>

#include "core/scene_reader.h"

namespace plateau::scene_detail {

void parseModelLayer(const Reader& rd, const json& l, const std::string& path, ModelLayerDesc& out) {
    if (Reader::member(l, "source")) rd.fail(Reader::join(path, "source"), "not for model layers (the file is model.path)");
    for (const char* key : {"style", "time", "fields", "filter", "label", "features"})
        if (Reader::member(l, key))
            rd.fail(Reader::join(path, key), std::string("not for model layers") +
                                                 (std::string(key) == "label" ? " (the label is model.label)" : ""));
    const std::string mp = Reader::join(path, "model");
    const json* m = Reader::member(l, "model");
    if (!m) rd.fail(mp, "missing (path, lon, lat and depth or elevation of the model)");
    rd.expectObject(*m, mp);
    rd.onlyKeys(*m, mp, {"path", "lon", "lat", "depth", "elevation", "heading", "pitch", "roll", "scale", "label"});

    out.path = rd.pathMember(*m, mp, "path", "the glTF file");
    std::string ext = out.path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    if (ext != ".gltf" && ext != ".glb")
        rd.fail(Reader::join(mp, "path"), "expected a .gltf or .glb file (got \"" + out.path.filename().string() + "\")");

    ModelPlacement& p = out.placement;
    for (const char* key : {"lon", "lat"})
        if (!Reader::member(*m, key)) rd.fail(Reader::join(mp, key), "missing (degrees)");
    rd.number(*m, mp, "lon", p.lon_deg, -180.0, 180.0);
    rd.number(*m, mp, "lat", p.lat_deg, -90.0, 90.0);
    const bool hasDepth = Reader::member(*m, "depth") != nullptr;
    const bool hasElevation = Reader::member(*m, "elevation") != nullptr;
    if (hasDepth == hasElevation)
        rd.fail(Reader::join(mp, hasDepth ? "elevation" : "depth"),
                hasDepth ? "not with \"depth\": give the depth below the surface or the elevation, not both"
                         : "missing (\"depth\" below the surface or \"elevation\" above the datum, metres)");
    if (hasDepth) {
        double d = 0;
        rd.number(*m, mp, "depth", d, 0.0, 20000.0);
        p.depth_m = d;
    } else {
        rd.number(*m, mp, "elevation", p.elevation_m, -12000.0, 100000.0);
    }
    rd.number(*m, mp, "heading", p.heading_deg, -360.0, 360.0);
    rd.number(*m, mp, "pitch", p.pitch_deg, -90.0, 90.0);
    rd.number(*m, mp, "roll", p.roll_deg, -180.0, 180.0);
    rd.number(*m, mp, "scale", p.scale, 0.0, 1e6, true);
    rd.string(*m, mp, "label", out.label);
}

}  // namespace plateau::scene_detail
