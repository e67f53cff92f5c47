// The parts of a scene file that describe views rather than data: the schema version, the camera
// (the start view and each bookmark's), the "bookmarks" array and the "underground" section.
// The fields are documented at the top of scene.cpp; errors name the field path as everywhere.
#include <cmath>
#include <limits>

#include "core/scene.h"
#include "core/scene_reader.h"

namespace plateau::scene_detail {

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();
}

void checkVersion(const Reader& rd, const json& root) {
    const json* v = Reader::member(root, "version");
    if (!v) return;  // files from before the version existed are version 1
    const std::string want = "expected a whole number from 1 (the scene file schema version)";
    if (!v->is_number()) rd.fail("version", want);
    const double x = v->get<double>();
    if (!(x >= 1.0) || x != std::floor(x)) rd.fail("version", want + " (got " + Reader::fmt(x) + ")");
    // Checked before any other field: a newer file may hold fields this version does not know,
    // and "unknown field" would hide the real reason.
    if (x > double(kSceneSchemaVersion))
        rd.fail("", "written by a newer plateau (schema version " + Reader::fmt(x) + "; this one reads up to " +
                        std::to_string(kSceneSchemaVersion) + ")");
}

void parseCamera(const Reader& rd, const json& c, const std::string& p, CameraPose& out) {
    rd.expectObject(c, p);
    rd.onlyKeys(c, p, {"lon", "lat", "height", "heading", "pitch", "fov"});
    rd.number(c, p, "lon", out.lon_deg, -180.0, 180.0);
    rd.number(c, p, "lat", out.lat_deg, -85.0, 85.0);
    rd.number(c, p, "height", out.height_m, -500.0, kInf, true);
    rd.number(c, p, "heading", out.heading_deg, -kInf, kInf);
    rd.number(c, p, "pitch", out.pitch_deg, -90.0, 90.0);
    rd.number(c, p, "fov", out.fov_deg, kMinFovDeg, kMaxFovDeg);
}

void parseBookmarks(const Reader& rd, const json& b, std::vector<Bookmark>& out) {
    if (!b.is_array()) rd.fail("bookmarks", "expected an array of {\"name\", \"camera\"}");
    for (std::size_t i = 0; i < b.size(); ++i) {
        const json& e = b[i];
        const std::string p = "bookmarks[" + std::to_string(i) + "]";
        rd.expectObject(e, p);
        rd.onlyKeys(e, p, {"name", "camera", "time"});
        Bookmark bm;
        if (!Reader::member(e, "name")) rd.fail(Reader::join(p, "name"), "missing");
        rd.string(e, p, "name", bm.name);
        const json* c = Reader::member(e, "camera");
        if (!c) rd.fail(Reader::join(p, "camera"), "missing (lon, lat, height, heading, pitch)");
        parseCamera(rd, *c, Reader::join(p, "camera"), bm.pose);
        if (const json* t = Reader::member(e, "time")) bm.time = rd.dateValue(*t, Reader::join(p, "time"));
        out.push_back(std::move(bm));
    }
}

void parseUnderground(const Reader& rd, const json& u, UndergroundView& out, const std::string& p) {
    rd.expectObject(u, p);
    rd.onlyKeys(u, p, {"enabled", "terrain_opacity", "max_depth_m", "cutaway"});
    rd.boolean(u, p, "enabled", out.enabled);
    rd.number(u, p, "terrain_opacity", out.terrainOpacity, 0.0, 1.0);
    rd.number(u, p, "max_depth_m", out.maxDepthBelowSurface, 0.0, 20000.0);
    if (const json* c = Reader::member(u, "cutaway")) {
        const std::string cp = Reader::join(p, "cutaway");
        rd.expectObject(*c, cp);
        rd.onlyKeys(*c, cp, {"enabled", "lon", "lat", "heading"});
        rd.boolean(*c, cp, "enabled", out.cutawayOn);
        rd.number(*c, cp, "lon", out.cutaway.lon_deg, -180.0, 180.0);
        rd.number(*c, cp, "lat", out.cutaway.lat_deg, -90.0, 90.0);
        rd.number(*c, cp, "heading", out.cutaway.heading_deg, -360.0, 360.0);
    }
}

}  // namespace plateau::scene_detail
