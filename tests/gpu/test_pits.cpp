// Mine pits as terrain height modifiers, seen through the renderer: the picked surface (depth
// buffer, core/picking) at a pit's centre is its floor after it opened and the ground before;
// only the year changes and the tiles follow, drawn all the while; exaggeration scales the pit
// like all terrain; and the default scene's schematic Qulong pit grows between two years.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <thread>

#include "app/scene_setup.h"
#include "core/picking.h"
#include "io/mine_source.h"
#include "layer_test_support.h"

using namespace plateau;
using namespace plateau::test;

namespace {

constexpr int kW = 320, kH = 180;
constexpr double kLon = 91.58, kLat = 29.61, kGround = 5200.0;

// A square pit 0.02 degrees across (1.9 x 2.2 km) in flat ground at its rim level, so its
// depth is exactly how far the ground is lowered at its centre.
std::shared_ptr<const TerrainModifiers> squarePit() {
    TerrainModifier m;
    m.id = "pit";
    m.label = "test pit";
    m.kind = ModifierKind::Pit;
    m.outline = {{kLon - 0.01, kLat - 0.01}, {kLon + 0.01, kLat - 0.01}, {kLon + 0.01, kLat + 0.01}, {kLon - 0.01, kLat + 0.01}};
    m.baseM = kGround;
    m.stages = {{2021, 0, 15, 10}, {2030, 360, 15, 10}};  // 40 m a year
    return std::make_shared<const TerrainModifiers>(std::vector<TerrainModifier>{m});
}

void addMine(GpuFixture& fx, std::shared_ptr<const TerrainModifiers> mods) {
    LayerDesc d;
    d.id = "mine";
    d.type = LayerType::Mine;
    d.legend = "test pit: schematic";
    const std::size_t i = fx.view->addLayer(d);
    fx.view->setLayerModifiers(i, std::move(mods));
}

// Elevation picked at the image centre (the camera looks straight down at the pit's centre).
double centreElevation(GpuFixture& fx, const Camera& frameCamera, double exaggeration, glm::dvec3* ecef = nullptr) {
    const std::vector<float> depth = fx.session->lastDepth();
    REQUIRE(depth.size() == std::size_t(kW * kH));
    const auto p = pickSurface(frameCamera, depth, kW / 2, kH / 2, exaggeration);
    REQUIRE(p);
    CHECK(std::abs(p->lon_deg - kLon) < 0.002);
    CHECK(std::abs(p->lat_deg - kLat) < 0.002);
    if (ecef) *ecef = p->ecef;
    return p->elevation_m;
}

}  // namespace

TEST_CASE("a pit lowers the picked surface by its depth after it opens, and only the year changes", "[gpu][pits]") {
    GpuFixture fx(kW, kH, std::make_shared<FlatSource>(float(kGround)));
    addMine(fx, squarePit());
    Shading s;
    const CameraPose above{kLon, kLat, kGround + 6000.0, 0.0, -90.0};

    // Before the pit opened (and in its first year, at depth 0): the ground.
    LayerRender r = renderLayers(fx, above, 2020.0, s, 2.0, false);
    CHECK(centreElevation(fx, r.camera, 1.0) == Approx(kGround).margin(2.0));
    r = renderLayers(fx, above, 2021.0, s, 2.0, false);
    CHECK(centreElevation(fx, r.camera, 1.0) == Approx(kGround).margin(2.0));
    writePng("/tmp/pits_square_2021.png", r.rgba, kW, kH);

    // Only the year changes: the tiles the pit reaches are produced again; until they are, the
    // old ones stay drawn (an interactive frame with no uploads draws the same tiles).
    const std::vector<TileId> before = fx.view->drawList();
    const std::uint64_t refreshed = fx.view->residency().refreshedTotal();
    const Camera cam = makeCamera(above, kW, kH);
    const auto frame = fx.view->update(FrameInput{cam, 2025.5, 0.0}, app::selectionParams(2.0, s, fx.maxZoom), 0);
    CHECK_FALSE(frame.settled);
    CHECK(fx.view->drawList() == before);

    // 2025.5: 180 m deep, the floor flat at 5,020 m (the level's error is far below a metre here:
    // the floor is flat and the mesh spacing at this level is under 40 m).
    r = renderLayers(fx, above, 2025.5, s, 2.0, false);
    CHECK(fx.view->residency().refreshedTotal() > refreshed);
    CHECK(centreElevation(fx, r.camera, 1.0) == Approx(kGround - 180.0).margin(2.0));
    bool deep = false;
    for (const TileId& id : fx.view->drawList()) deep = deep || id.z >= 13;
    CHECK(deep);  // refined over the pit past the flat source's data (z10 + 3 levels)

    // 2030 at exaggeration 2: the elevation is still the floor's, drawn twice as high above the
    // ellipsoid like all terrain.
    s.exaggeration = 2.0;
    const CameraPose higher{kLon, kLat, 2.0 * kGround + 6000.0, 0.0, -90.0};
    r = renderLayers(fx, higher, 2030.0, s, 2.0, false);
    glm::dvec3 drawn{0};
    CHECK(centreElevation(fx, r.camera, 2.0, &drawn) == Approx(kGround - 360.0).margin(2.0));
    CHECK(ecefToGeodetic(drawn).height_m == Approx(2.0 * (kGround - 360.0)).margin(4.0));
    writePng("/tmp/pits_square_2030.png", r.rgba, kW, kH);

    // And back before it: the ground again.
    s.exaggeration = 1.0;
    r = renderLayers(fx, above, 2019.0, s, 2.0, false);
    CHECK(centreElevation(fx, r.camera, 1.0) == Approx(kGround).margin(2.0));
    CHECK(fx.validationMessages() == 0);
}

TEST_CASE("the default scene's schematic Qulong pit grows from 2021 to 2030", "[gpu][pits][real]") {
    auto scene = app::openScene(app::defaultScenePath(), [](const std::string&) {});
    REQUIRE(scene.ok());
    const LayerDesc* mine = nullptr;
    for (const LayerDesc& l : scene->scene.layers)
        if (l.type == LayerType::Mine) mine = &l;
    REQUIRE(mine);
    auto mods = openMineLayer(*mine);
    REQUIRE(mods.ok());
    REQUIRE((*mods)->list().size() == 3);
    for (const TerrainModifier& m : (*mods)->list()) CHECK(m.schematic);

    GpuFixture fx(kW, kH, scene->source);
    addMine(fx, *mods);
    Shading s = scene->scene.shading;
    s.haze = false;
    const TerrainModifier& pit = (*mods)->list()[0];
    REQUIRE(pit.kind == ModifierKind::Pit);
    const double lon = 91.583, lat = 29.606;  // the outline's centre
    const CameraPose above{lon, lat, 5400.0 * s.exaggeration + 7000.0, 0.0, -90.0};
    const CameraPose oblique{lon - 0.01, lat - 0.045, 5400.0 * s.exaggeration + 3500.0, 10.0, -35.0};

    double elevation[2] = {0, 0};
    const double years[2] = {2020.0, 2030.0};
    for (int k = 0; k < 2; ++k) {
        const LayerRender r = renderLayers(fx, above, years[k], s, 2.0, false);
        const std::vector<float> depth = fx.session->lastDepth();
        const auto p = pickSurface(r.camera, depth, kW / 2, kH / 2, s.exaggeration);
        REQUIRE(p);
        elevation[k] = p->elevation_m;
        const LayerRender o = renderLayers(fx, oblique, years[k], s, 2.0, false);
        writePng("/tmp/pits_qulong_" + std::to_string(int(years[k])) + ".png", o.rgba, kW, kH);
    }
    // Before production the ground (SRTM30 with synthetic detail, below the 5,400 m rim level);
    // in 2030 the floor, 500 m below the rim.
    CHECK(elevation[0] > 5000.0);
    CHECK(elevation[1] == Approx(pit.baseM - 500.0).margin(2.0));
    CHECK(fx.validationMessages() == 0);
}

TEST_CASE("no cracks or holes while a pit's tiles are replaced for a new year", "[gpu][pits][cracks]") {
    GpuFixture fx(kW, kH, std::make_shared<FlatSource>(float(kGround)));
    addMine(fx, squarePit());
    Shading s;
    s.exaggeration = 2.0;  // steeper walls, larger steps between tiles
    // Looking down into the pit at an angle: the camera sees its walls and the ground beyond.
    const CameraPose pose{kLon, kLat - 0.025, 2.0 * kGround + 3500.0, 0.0, -50.0};
    const Camera cam = makeCamera(pose, kW, kH);
    const float magenta[4] = {1.0f, 0.0f, 1.0f, 1.0f};
    const auto params = app::selectionParams(2.0, s, fx.maxZoom);
    fx.view->settle(FrameInput{cam, 2022.0, 0.0}, params);
    int frames = 0, worst = 0;
    // Interactive frames after a jump of eight years, one tile upload each: old and new tiles
    // side by side, every frame drawn flat white on magenta without sky.
    for (double year : {2030.0, 2024.0}) {
        for (int f = 0; f < 40; ++f, ++frames) {
            const FrameInput in{cam, year, 100.0 + frames};  // morphs long finished
            const auto st = fx.view->update(in, params, 1);
            gpu::FrameDesc d = fx.view->frame(in, s);
            d.drawSky = false;
            d.style.flatColour = true;
            for (int i = 0; i < 4; ++i) d.clearColour[i] = magenta[i];
            const auto rgba = fx.session->renderAndCapture(d, nullptr);
            int holes = 0;
            for (std::size_t i = 0; i < rgba.size(); i += 4) holes += isMagenta(&rgba[i]);
            worst = std::max(worst, holes);
            if (st.settled) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
    }
    INFO(frames << " frames");
    CHECK(frames >= 4);  // frames were drawn while old and new tiles were mixed
    CHECK(worst == 0);  // the view looks down at the ground: any magenta pixel is a gap
    CHECK(fx.view->residency().refreshedTotal() > 0);
    CHECK(fx.validationMessages() == 0);
}
