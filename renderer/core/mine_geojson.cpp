#include "core/mine_geojson.h"

#include "core/input_limits.h"
#include "core/scene_mines.h"

namespace plateau {

Result<std::vector<TerrainModifier>> parseMineGeoJson(const std::string& text, const std::string& name) {
    using scene_detail::json;
    if (auto deep = jsonTooDeep(text, name)) return *deep;
    const json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded()) return makeError(name + ": not valid JSON");
    const scene_detail::Reader rd(name);
    std::vector<TerrainModifier> out;
    try {
        rd.expectObject(doc, "");
        rd.onlyKeys(doc, "", {"type", "features", "name", "crs"});
        const json* type = scene_detail::Reader::member(doc, "type");
        if (!type || *type != "FeatureCollection") rd.fail("type", "expected \"FeatureCollection\"");
        const json* f = scene_detail::Reader::member(doc, "features");
        if (!f) rd.fail("features", "missing");
        scene_detail::parseMineFeatures(rd, *f, "features", out);
    } catch (const scene_detail::SceneError& e) {
        return makeError(e.message);
    } catch (const json::exception& e) {
        return makeError(name + ": " + e.what());
    }
    return out;
}

}  // namespace plateau
